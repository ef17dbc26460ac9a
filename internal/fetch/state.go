package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// StateFile is where a site keeps what fetch has taken, under the site's
// cache folder.
const StateFile = "fetch.json"

// state is what earlier runs took: each feed's validators for conditional
// requests, and the keys of every item written (its GUID within its feed,
// its link, its canonical URL), each with the article it became.
type state struct {
	Sources map[string]*sourceState `json:"sources"`
	Items   map[string]string       `json:"items"`
}

type sourceState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Checked      time.Time `json:"checked"`
}

// loadState reads the state file; a missing one is an empty state.
func loadState(path string) (*state, error) {
	s := &state{Sources: map[string]*sourceState{}, Items: map[string]string{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("%s: %w (remove it to start afresh: articles already in content/ are kept, but may be fetched again)", path, err)
	}
	if s.Sources == nil {
		s.Sources = map[string]*sourceState{}
	}
	if s.Items == nil {
		s.Items = map[string]string{}
	}
	return s, nil
}

// save writes the state beside its final name and moves it in, so that an
// interrupted run leaves the last whole state.
func (s *state) save(path string) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fetch-*.json")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(data, '\n'))
	if err := tmp.Close(); werr == nil {
		werr = err
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}

// known returns the article an item with any of keys became, or "".
func (s *state) known(keys []string) string {
	for _, k := range keys {
		if p, ok := s.Items[k]; ok {
			return p
		}
	}
	return ""
}

func (s *state) remember(keys []string, article string) {
	for _, k := range keys {
		s.Items[k] = article
	}
}
