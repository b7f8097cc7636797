package generator

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// idLength matches the method and field ids of real exports (8 to 12 characters of
// A-Za-z0-9_-, most often 9 or 10).
const idLength = 10

// shortID derives a method, field or ordering id from the parts that say what it is for.
// Base64url has exactly the alphabet real ids use.
func shortID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))[:idLength]
}

// nameUUID derives a version 5 style UUID (RFC 9562 layout) from a kind and a name, for the
// flow, folder and connection ids that Okta writes as UUIDs.
func nameUUID(kind, name string) string {
	sum := sha256.Sum256([]byte("flopack\x00" + kind + "\x00" + name))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
