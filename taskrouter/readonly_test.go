package taskrouter

import (
	"net/http"
	"strings"
	"testing"

	"github.com/flopack/flopack/taskroutertest"
)

// The transport refuses anything but GET, so no code path of verify can change a workspace.
func TestTransportReadOnly(t *testing.T) {
	srv := taskroutertest.New(taskroutertest.Config{Workers: taskroutertest.SampleWorkers()})
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: c.rt}
	for _, method := range []string{"DELETE", "POST", "PUT", "PATCH"} {
		req, _ := http.NewRequest(method, "https://taskrouter.twilio.com/v1/Workspaces/"+
			taskroutertest.WorkspaceSID+"/Workers/"+srv.Workers()[0].SID, strings.NewReader(""))
		if resp, err := hc.Do(req); err == nil {
			resp.Body.Close()
			t.Errorf("%s went through", method)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("the double saw %d requests", n)
	}
}
