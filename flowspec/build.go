package flowspec

// build turns a checked value into a Spec with defaults applied. It runs only when every
// check passed, so the types are the schema's.
func build(path string, value any) *Spec {
	root, _ := value.(map[string]any)
	flow, _ := root["flow"].(map[string]any)
	okta, _ := root["okta"].(map[string]any)
	twilio, _ := root["twilio"].(map[string]any)

	spec := &Spec{
		Path:    path,
		Version: Version, // checkVersion accepts no other
		Flow: Flow{
			Name:        str(flow, "name", ""),
			Description: str(flow, "description", ""),
			SaveHistory: true,
		},
		Okta: Okta{
			AppInstanceID: str(okta, "app_instance_id", ""),
			Connection:    str(okta, "connection", DefaultOktaConnection),
			EmailField:    str(okta, "email_field", DefaultEmailField),
		},
		Twilio: Twilio{
			WorkspaceSID:    str(twilio, "workspace_sid", ""),
			Connection:      str(twilio, "connection", DefaultTwilioConnection),
			WorkerAttribute: str(twilio, "worker_attribute", DefaultWorkerAttribute),
		},
	}
	spec.Flow.Folder = str(flow, "folder", spec.Flow.Name)
	if b, ok := flow["save_history"].(bool); ok {
		spec.Flow.SaveHistory = b
	}
	return spec
}

// str returns m[key] when it is a string, else def.
func str(m map[string]any, key, def string) string {
	if s, ok := m[key].(string); ok {
		return s
	}
	return def
}
