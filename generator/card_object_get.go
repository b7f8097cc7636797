package generator

import (
	"github.com/flopack/flopack/export"
	"github.com/flopack/flopack/templates"
)

// workerSIDPath is where the first matching worker's SID sits in the Workers list body.
const workerSIDPath = "workers.0.sid"

// newObjectGetCard builds the Object Get card that reads the first matching worker's SID;
// it is empty when the list is.
func newObjectGetCard() (*card, error) {
	c, err := newCard(templates.ObjectGet, "worker-sid", "Read worker SID")
	if err != nil {
		return nil, err
	}
	if err := c.setInput("path", export.NewString(workerSIDPath)); err != nil {
		return nil, err
	}
	if err := c.labelOutput("output", "worker SID"); err != nil {
		return nil, err
	}
	return c, nil
}
