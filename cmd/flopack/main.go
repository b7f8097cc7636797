// Command flopack compiles a YAML spec into an Okta Workflows export that removes a Twilio
// Flex worker when its agent is unassigned from the Flex app in Okta, lints exports, and
// checks them against the live TaskRouter workspace.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
