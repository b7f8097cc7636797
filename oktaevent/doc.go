// Package oktaevent reads the Okta events that `flopack run` feeds to a flow, and maps each
// one to the output fields of the Okta event card, as the Okta Workflows connector does.
//
// [Parse] accepts three shapes of input:
//
//   - an event hook delivery, as Okta POSTs it: {"eventType": "com.okta.event_hook",
//     "eventId", "eventTime", "source", "data": {"events": [...]}}, each event a System Log
//     event (../shared/okta/EVENTS.md);
//   - a JSON list of System Log events, as the System Log API (/api/v1/logs) returns them,
//     or one such event on its own;
//   - a JSON list of events already mapped: objects keyed by the card's field names
//     ("Event ID", "Application User", ...), taken as they are.
//
// A System Log event maps to the card's fields so (Okta's card reference: help.okta.com/wf
// › connector-reference › okta › events › userremovedfromapplicationmembership):
//
//	Date and Time     published (when the event happened)
//	Message           displayMessage
//	Event ID          uuid
//	Event Type        eventType
//	Event Time        the delivery's eventTime (when Okta sent the hook); published without one
//	Version           version
//	Admin             actor                       } each {"ID", "Alternate ID",
//	Okta User         the target of type User     }  "Display Name", "Type"} from id,
//	Application User  the target of type AppUser  }  alternateId, displayName, type;
//	Application       the target of type AppInstance }  null when there is no such target
//	UUID              the delivery's eventId; uuid without a delivery
//	Event Details     the whole System Log event
//	Headers           {} (a file holds the delivery's body, not its HTTP headers)
//	Source            the delivery's source (the event hook's URL); "" without one
//	Debug Context     {"Debug Data": debugContext.debugData}
//
// Values are copied as they are: a field that the event lacks is null. [Event.SystemLog]
// tells a mapped System Log event from one given already mapped, so that a reader can
// hold the first to what Okta guarantees of the events it sends (an eventType, the app
// instance as a target). Problems in the input come back as a [diag.List], each at a line
// and column of the file.
package oktaevent
