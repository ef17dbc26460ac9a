package config

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Deployment says where `newsdigest deploy` publishes the site and with
// which headers. The keys follow Hugo's [deployment] where they overlap.
type Deployment struct {
	Targets  []Target  `toml:"targets"`
	Matchers []Matcher `toml:"matchers"`
}

// Target is one place to publish to.
type Target struct {
	Name string `toml:"name"`
	// URL is a gocloud.dev/blob URL: s3://bucket?region=..., with
	// endpoint= for an S3-compatible host, gs://bucket,
	// azblob://container, or file:///path. It names no credentials.
	URL string `toml:"url"`
	// CloudFrontDistributionID, when set, is the distribution that
	// `deploy --invalidate` asks to drop the changed paths from its caches.
	CloudFrontDistributionID string `toml:"cloudFrontDistributionID"`
}

// Matcher sets the headers of the files whose path (relative to the
// output, "2025/01/06/grocers/index.html") matches a regular expression.
// The first matcher that matches applies.
type Matcher struct {
	Pattern      string `toml:"pattern"`
	CacheControl string `toml:"cacheControl"`
	ContentType  string `toml:"contentType"`
	Gzip         bool   `toml:"gzip"`
}

// deployScheme reports whether a target's URL may use a scheme: those of
// the drivers deploy.Open registers.
func deployScheme(s string) bool {
	switch s {
	case "s3", "gs", "azblob", "file":
		return true
	}
	return false
}

// Target finds a target by name; an empty name is the first target.
func (d Deployment) Target(name string) (Target, error) {
	if len(d.Targets) == 0 {
		return Target{}, fmt.Errorf("%s has no [[deployment.targets]]; add one with a name and a url such as \"s3://bucket?region=eu-west-1\"", File)
	}
	if name == "" {
		return d.Targets[0], nil
	}
	var names []string
	for _, t := range d.Targets {
		if t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return Target{}, fmt.Errorf("no deployment target named %q in %s (there are: %s)", name, File, strings.Join(names, ", "))
}

// check validates the deployment tables. line finds the line of the i-th
// table's key, for errors.
func (d Deployment) check(data []byte) error {
	bad := func(table string, i int, key, format string, args ...any) error {
		msg := fmt.Sprintf(format, args...)
		full := fmt.Sprintf("deployment.%s[%d].%s", table, i, key)
		if line := arrayKeyLine(data, "deployment."+table, i, key); line > 0 {
			return fmt.Errorf("%s:%d: %s: %s", File, line, full, msg)
		}
		return fmt.Errorf("%s: %s: %s", File, full, msg)
	}
	seen := map[string]bool{}
	for i, t := range d.Targets {
		if strings.TrimSpace(t.Name) == "" {
			return bad("targets", i, "name", "every target needs a name")
		}
		if seen[t.Name] {
			return bad("targets", i, "name", "target %q is named twice", t.Name)
		}
		seen[t.Name] = true
		u, err := url.Parse(t.URL)
		switch {
		case t.URL == "":
			return bad("targets", i, "url", "every target needs a url such as \"s3://bucket?region=eu-west-1\"")
		case err != nil:
			return bad("targets", i, "url", "not a URL: %q", t.URL)
		case !deployScheme(u.Scheme):
			return bad("targets", i, "url", "want a URL starting with s3://, gs://, azblob:// or file://, got %q", t.URL)
		case u.User != nil:
			return bad("targets", i, "url", "must not hold credentials; they come from the environment (AWS_ACCESS_KEY_ID and the like)")
		}
		if t.CloudFrontDistributionID != "" && u.Scheme != "s3" {
			return bad("targets", i, "cloudFrontDistributionID", "CloudFront serves S3 targets only, not %s://", u.Scheme)
		}
	}
	for i, m := range d.Matchers {
		if m.Pattern == "" {
			return bad("matchers", i, "pattern", "every matcher needs a pattern, a regular expression such as \"\\\\.html$\"")
		}
		if _, err := regexp.Compile(m.Pattern); err != nil {
			return bad("matchers", i, "pattern", "%v", err)
		}
		for key, v := range map[string]string{"cacheControl": m.CacheControl, "contentType": m.ContentType} {
			if strings.ContainsAny(v, "\r\n") || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
				return bad("matchers", i, key, "a header value cannot hold control characters or line breaks")
			}
		}
	}
	return nil
}

// arrayKeyLine finds the line of key in the index-th [[table]] of data,
// or of that table's header when the key is not written; 0 when neither.
func arrayKeyLine(data []byte, table string, index int, key string) int {
	n, header := -1, 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			h, _, _ := strings.Cut(line, "#")
			h = strings.TrimSpace(h)
			inArray := strings.HasPrefix(h, "[[") && dottedKey(strings.Trim(h, "[]")) == table
			if n == index && !inArray {
				return header // the table ended without the key
			}
			if inArray {
				n++
				if n == index {
					header = i + 1
				}
			}
			continue
		}
		if n != index {
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if ok && !strings.HasPrefix(line, "#") && dottedKey(k) == key {
			return i + 1
		}
	}
	return header
}
