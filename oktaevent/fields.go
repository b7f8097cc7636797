package oktaevent

// The output fields of the Okta event card, in the card's order.
const (
	DateAndTime     = "Date and Time"
	Message         = "Message"
	EventID         = "Event ID"
	EventType       = "Event Type"
	EventTime       = "Event Time"
	Version         = "Version"
	Admin           = "Admin"
	OktaUser        = "Okta User"
	ApplicationUser = "Application User"
	Application     = "Application"
	UUID            = "UUID"
	EventDetails    = "Event Details"
	Headers         = "Headers"
	Source          = "Source"
	DebugContext    = "Debug Context"
)

// Fields lists the card's output fields in the card's order.
var Fields = []string{
	DateAndTime, Message, EventID, EventType, EventTime, Version, Admin, OktaUser,
	ApplicationUser, Application, UUID, EventDetails, Headers, Source, DebugContext,
}

// The sub-fields of Admin, Okta User, Application User and Application.
const (
	ID          = "ID"
	AlternateID = "Alternate ID"
	DisplayName = "Display Name"
	Type        = "Type"
)

// targetFields says which card field each System Log target type fills.
var targetFields = map[string]string{
	"User":        OktaUser,
	"AppUser":     ApplicationUser,
	"AppInstance": Application,
}

// isField reports whether key is one of the card's output fields.
func isField(key string) bool {
	for _, f := range Fields {
		if f == key {
			return true
		}
	}
	return false
}
