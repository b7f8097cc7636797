package templates

// Kind names a card prototype. The value is the prototype's file name under cards/.
type Kind string

// The cards of the Flex de-provisioning flow, in the order the flow runs them.
const (
	UserUnassignedFromApp Kind = "okta_user_unassigned_from_application"
	ForEachIgnoreErrors   Kind = "list_for_each_ignore_errors"
	Callable              Kind = "control_callable"
	Expand                Kind = "object_expand"
	FindPattern           Kind = "string_find_pattern"
	Concatenate           Kind = "string_concatenate"
	APIConnectorGet       Kind = "http_get"
	ObjectGet             Kind = "object_get"
	ReturnErrorIf         Kind = "control_return_error_if"
	ReturnErrorIfNumbers  Kind = "control_return_error_if_numbers"
	APIConnectorDelete    Kind = "http_delete"
)

// Kinds lists every prototype.
var Kinds = []Kind{
	UserUnassignedFromApp, ForEachIgnoreErrors, Callable, Expand, FindPattern, Concatenate,
	APIConnectorGet, ObjectGet, ReturnErrorIf, ReturnErrorIfNumbers, APIConnectorDelete,
}

// Source says which real card a prototype is copied from: a file under ../shared/corpus and
// the card's method id in it.
type Source struct {
	File   string
	CardID string
	Why    string
}

// Sources records the provenance of every prototype. Each was chosen as the plainest real
// card of its kind at the version the flow needs: no "ghost" metadata left over from a
// deleted connector card, and field shapes shared by most cards of that address.
var Sources = map[Kind]Source{
	UserUnassignedFromApp: {
		File:   "field/builttechnologies__pagerduty-offboarding.folder",
		CardID: "t8QH3kIqq",
		Why: "the only 1.5.0 export of this event card (okta 1.0.626); FLOPACK-FORMAT.md " +
			"names 1.0.628, which no real export holds",
	},
	ForEachIgnoreErrors: {
		File:   "field/builttechnologies__pagerduty-offboarding.folder",
		CardID: "e6y5CbIBSa",
		Why:    "the wrapper of the same event flow",
	},
	Callable: {
		File:   "field/builttechnologies__pagerduty-offboarding.folder",
		CardID: "i4SYLatxop",
		Why:    "the mirrored callable that starts the same event flow's body",
	},
	Expand: {
		File:   "field/builttechnologies__pagerduty-offboarding.folder",
		CardID: "LyDImWDsct",
		Why:    "reads Okta User › Alternate ID from the same callable, as our flow does",
	},
	FindPattern: {
		File:   "okta-templates/special_character_validation_and_substitution__workflow.flopack",
		CardID: "ZUhc_5C-A",
		Why:    "Find Pattern used to validate text against a character class, as the flow does",
	},
	Concatenate: {
		File:   "okta-templates/workflows_tutorials__workflow.flopack",
		CardID: "y1qYwICt-",
		Why:    "two standard inputs and one added input (\"text 3\"), the model for added inputs",
	},
	APIConnectorGet: {
		File:   "okta-templates/entra_id_configuration_export_and_migration_to_okt__workflow.flopack",
		CardID: "h6gbuEjHp",
		Why:    "API Connector 1.0.24, the newest Get in the corpus",
	},
	ObjectGet: {
		File:   "okta-templates/execute_onpremise_powershell_with_okta_workflows__workflow.flopack",
		CardID: "Wt5anjUV6",
		Why:    "reads a list element by dotted path (\"JobIds.0\"), as workers.0.sid does",
	},
	ReturnErrorIf: {
		File:   "okta-templates/yubico_fido_preregistration__workflow.flopack",
		CardID: "eSm_bV3Y1",
		Why:    "operator \"is empty\" on a text value with a status code, as our flow uses it",
	},
	ReturnErrorIfNumbers: {
		File:   "okta-templates/add_inactive_users_to_marketo_list_for_remarketing__workflow.flopack",
		CardID: "thvhnprfb",
		Why:    "both operands typed as numbers, as the comparison of a Find Pattern position is",
	},
	APIConnectorDelete: {
		File:   "okta-templates/reset_user_sessions_in_okta_zoom_google_o365__workflow.flopack",
		CardID: "wox1v3Ioo",
		Why:    "the only API Connector Delete card in the corpus (1.0.13)",
	},
}
