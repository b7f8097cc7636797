package export

import "testing"

func TestAddPin(t *testing.T) {
	v, err := Decode([]byte(`{"uuid": "card000001", "pins": {}}`))
	if err != nil {
		t.Fatal(err)
	}
	c := Card{V: v}
	c.AddPin("out0000001", "card000002", "in00000001")
	c.AddPin("out0000001", "card000002", "in00000002")
	c.AddPin("out0000002", "card000003", "in00000003")

	want := `{"uuid":"card000001","pins":{"out0000001":{"card000002":[` +
		`{"input":"in00000001","transform":null},{"input":"in00000002","transform":null}]},` +
		`"out0000002":{"card000003":[{"input":"in00000003","transform":null}]}}}`
	if got := string(Marshal(v, false)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if n := len(c.Pins()); n != 3 {
		t.Errorf("Pins() returns %d pins, want 3", n)
	}

	bare := Card{V: NewObject()}
	bare.AddPin("o", "c", "i")
	if n := len(bare.Pins()); n != 1 {
		t.Errorf("a card without pins got %d pins, want 1", n)
	}
}
