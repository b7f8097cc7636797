package taskrouter

import (
	"errors"
	"fmt"
	"regexp"
)

// The environment variables credentials are read from, as Twilio's libraries name them.
const (
	EnvAccountSID = "TWILIO_ACCOUNT_SID"
	EnvAuthToken  = "TWILIO_AUTH_TOKEN"
	EnvAPIKey     = "TWILIO_API_KEY"
	EnvAPISecret  = "TWILIO_API_SECRET"
)

var (
	accountSIDPattern = regexp.MustCompile(`^AC[0-9a-fA-F]{32}$`)
	apiKeyPattern     = regexp.MustCompile(`^SK[0-9a-fA-F]{32}$`)
	// twilio-go refuses a user name or password with anything but letters and digits.
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9]+$`)
)

// Credentials authenticate to TaskRouter with HTTP Basic auth. They print without the
// password, whatever the verb.
type Credentials struct {
	// AccountSID is the account, when known; it may be empty with an API key.
	AccountSID string
	// Username is the Account SID or the API key SID.
	Username string
	// Password is the Auth Token or the API key secret.
	Password string
	// Source names the variables they came from, for hints in error messages.
	Source string
}

// String shows who the credentials are, never the password.
func (c Credentials) String() string {
	return fmt.Sprintf("%s (from %s, password not shown)", c.Username, c.Source)
}

// GoString keeps %#v from printing the password.
func (c Credentials) GoString() string { return "taskrouter.Credentials{" + c.String() + "}" }

// CredentialsFromEnv reads TWILIO_API_KEY and TWILIO_API_SECRET when either is set (with
// TWILIO_ACCOUNT_SID if present), else TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	account := getenv(EnvAccountSID)
	if account != "" && !accountSIDPattern.MatchString(account) {
		return Credentials{}, fmt.Errorf("%s must be AC followed by 32 hex digits", EnvAccountSID)
	}

	key, secret := getenv(EnvAPIKey), getenv(EnvAPISecret)
	if key != "" || secret != "" {
		c := Credentials{
			AccountSID: account,
			Username:   key,
			Password:   secret,
			Source:     EnvAPIKey + " and " + EnvAPISecret,
		}
		switch {
		case key == "" || secret == "":
			return Credentials{}, fmt.Errorf("set both %s and %s", EnvAPIKey, EnvAPISecret)
		case !apiKeyPattern.MatchString(key):
			return Credentials{}, fmt.Errorf("%s must be SK followed by 32 hex digits", EnvAPIKey)
		case !secretPattern.MatchString(secret):
			return Credentials{}, fmt.Errorf("%s holds characters other than letters and digits",
				EnvAPISecret)
		}
		return c, nil
	}

	token := getenv(EnvAuthToken)
	switch {
	case account == "" && token == "":
		return Credentials{}, errors.New("no TaskRouter credentials: set " + EnvAccountSID +
			" and " + EnvAuthToken + ", or " + EnvAPIKey + " and " + EnvAPISecret)
	case account == "" || token == "":
		return Credentials{}, fmt.Errorf("set both %s and %s", EnvAccountSID, EnvAuthToken)
	case !secretPattern.MatchString(token):
		return Credentials{}, fmt.Errorf("%s holds characters other than letters and digits",
			EnvAuthToken)
	}
	return Credentials{
		AccountSID: account,
		Username:   account,
		Password:   token,
		Source:     EnvAccountSID + " and " + EnvAuthToken,
	}, nil
}
