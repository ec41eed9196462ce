package platform

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// docs/platform-protocol.md is the protocol's specification: every message
// example in it must decode, every schema must be JSON, and every type
// must have both.
func TestProtocolDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../../docs/platform-protocol.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```json\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 40 {
		t.Fatalf("only %d JSON blocks in the document", len(blocks))
	}
	examples, schemas := map[Type]int{}, map[string]bool{}
	for _, b := range blocks {
		text := strings.TrimSpace(b[1])
		var obj map[string]any
		if err := json.Unmarshal([]byte(text), &obj); err != nil {
			t.Errorf("not JSON: %v\n%s", err, text)
			continue
		}
		if _, ok := obj["$schema"]; ok {
			title, _ := obj["title"].(string)
			schemas[title] = true
			continue
		}
		env, _, err := Decode([]byte(text), MaxHostFrame)
		if err != nil {
			t.Errorf("the example does not decode: %v\n%s", err, text)
			continue
		}
		examples[env.Type]++
	}
	for _, typ := range Types() {
		if examples[typ] == 0 {
			t.Errorf("no example of %s", typ)
		}
		if !schemas[string(typ)] {
			t.Errorf("no schema of %s", typ)
		}
	}
}
