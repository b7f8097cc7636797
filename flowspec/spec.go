package flowspec

// Version is the only spec version this release reads.
const Version = 1

// Defaults applied by Load when the spec leaves a field out.
const (
	DefaultEmailField       = "application_user.alternate_id"
	DefaultOktaConnection   = "Okta"
	DefaultTwilioConnection = "Twilio TaskRouter"
	DefaultWorkerAttribute  = "email"
)

// Spec is a loaded, validated spec with defaults applied.
type Spec struct {
	// Path is the file the spec was read from, as the user named it.
	Path    string
	Version int
	Flow    Flow
	Okta    Okta
	Twilio  Twilio
}

// Flow names the generated flow and its folder.
type Flow struct {
	Name        string
	Folder      string // defaults to Name
	Description string
	SaveHistory bool // the flow's "Save all data that passes through the flow"; default true
}

// Okta says which app's unassignments trigger the flow and where the address comes from.
type Okta struct {
	AppInstanceID string // 0oa + 17 letters or digits
	Connection    string
	// EmailField is "application_user.alternate_id" or "okta_user.alternate_id".
	EmailField string
}

// Twilio says which TaskRouter workspace holds the Flex workers.
type Twilio struct {
	WorkspaceSID    string // WS + 32 hex digits
	Connection      string
	WorkerAttribute string // the worker attribute that holds the address
}
