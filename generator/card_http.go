package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// newGetCard builds the API Connector Get card that lists the workers matching the query.
// The Body output is typed with the one sub-field the flow reads, a list of worker objects,
// as admins type it on the canvas (real 1.0.24 Get cards carry such typed bodies).
func newGetCard(title, configID string) (*card, error) {
	c, err := newCard(templates.APIConnectorGet, "find-worker", title)
	if err != nil {
		return nil, err
	}
	c.view().Model().Set("config", export.NewString(configID))
	if err := c.setInput("URL", export.NewString("")); err != nil {
		return nil, err
	}

	body, err := c.field("outputs", "Body")
	if err != nil {
		return nil, err
	}
	workers := export.NewObject()
	workers.Set("type", export.NewString("object"))
	workers.Set("collection", export.NewBool(true))
	bodyType := export.NewObject()
	bodyType.Set("workers", workers)
	body.Value().Set("type", bodyType)
	return c, nil
}

// newDeleteCard builds the API Connector Delete card that removes the worker. TaskRouter
// answers 204 with no body.
func newDeleteCard(configID string) (*card, error) {
	c, err := newCard(templates.APIConnectorDelete, "delete-worker", "Delete Flex worker")
	if err != nil {
		return nil, err
	}
	c.view().Model().Set("config", export.NewString(configID))
	return c, nil
}
