package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDeployment(t *testing.T) {
	src := `title = "The Ledger"

[deployment]

[[deployment.targets]]
name = "production"
url = "s3://ledger-site?region=eu-west-1"
cloudFrontDistributionID = "E2EXAMPLE"

[[deployment.targets]]
name = "staging"
url = "s3://ledger-staging?endpoint=https://s3.example.net&use_path_style=true"

[[deployment.matchers]]
pattern = "\\.(css|js|png|jpe?g|webp)$"
cacheControl = "public, max-age=604800"

[[deployment.matchers]]
pattern = "\\.(html|xml|json)$"
cacheControl = "public, max-age=300"
contentType = ""
gzip = true
`
	c, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := Deployment{
		Targets: []Target{
			{Name: "production", URL: "s3://ledger-site?region=eu-west-1", CloudFrontDistributionID: "E2EXAMPLE"},
			{Name: "staging", URL: "s3://ledger-staging?endpoint=https://s3.example.net&use_path_style=true"},
		},
		Matchers: []Matcher{
			{Pattern: `\.(css|js|png|jpe?g|webp)$`, CacheControl: "public, max-age=604800"},
			{Pattern: `\.(html|xml|json)$`, CacheControl: "public, max-age=300", Gzip: true},
		},
	}
	if diff := cmp.Diff(want, c.Deployment); diff != "" {
		t.Errorf("deployment (-want +got):\n%s", diff)
	}
	for name, wantURL := range map[string]string{"": want.Targets[0].URL, "staging": want.Targets[1].URL} {
		got, err := c.Deployment.Target(name)
		if err != nil || got.URL != wantURL {
			t.Errorf("Target(%q) = %+v, %v; want url %s", name, got, err, wantURL)
		}
	}
	if _, err := c.Deployment.Target("nowhere"); err == nil || !strings.Contains(err.Error(), "production, staging") {
		t.Errorf("Target(nowhere): %v; want the names there are", err)
	}
	if _, err := Default().Deployment.Target(""); err == nil || !strings.Contains(err.Error(), "[[deployment.targets]]") {
		t.Errorf("no targets: %v; want how to add one", err)
	}
}

func TestDeploymentErrors(t *testing.T) {
	const target = "[[deployment.targets]]\nname = \"a\"\nurl = \"s3://a\"\n\n"
	for _, tc := range []struct {
		src, want string
	}{
		{target + "[[deployment.targets]]\nname = \"b\"\nurl = \"ftp://host/site\"\n",
			"newsdigest.toml:7: deployment.targets[1].url: want a URL starting with s3://, gs://, azblob:// or file://"},
		{target + "[[deployment.targets]]\nname = \"a\"\nurl = \"s3://b\"\n",
			"newsdigest.toml:6: deployment.targets[1].name: target \"a\" is named twice"},
		{"[[deployment.targets]]\nurl = \"s3://a\"\n",
			"newsdigest.toml:1: deployment.targets[0].name: every target needs a name"},
		{"[[deployment.targets]]\nname = \"a\"\n",
			"newsdigest.toml:1: deployment.targets[0].url: every target needs a url"},
		{"[[deployment.targets]]\nname = \"a\"\nurl = \"s3://key:secret@bucket\"\n",
			"newsdigest.toml:3: deployment.targets[0].url: must not hold credentials"},
		{"[[deployment.targets]]\nname = \"a\"\nurl = \"file:///srv/www\"\ncloudFrontDistributionID = \"E1\"\n",
			"newsdigest.toml:4: deployment.targets[0].cloudFrontDistributionID: CloudFront serves S3 targets only"},
		{target + "[[deployment.matchers]]\npattern = \"\\\\.html$\"\n\n[[deployment.matchers]]\npattern = \"(unclosed\"\n",
			"newsdigest.toml:9: deployment.matchers[1].pattern: error parsing regexp"},
		{"[[deployment.matchers]]\ncacheControl = \"no-cache\"\n",
			"newsdigest.toml:1: deployment.matchers[0].pattern: every matcher needs a pattern"},
		{"[[deployment.matchers]]\npattern = \".\"\ncacheControl = \"no-cache\\r\\nX-Evil: 1\"\n",
			"newsdigest.toml:3: deployment.matchers[0].cacheControl: a header value cannot hold control characters"},
		{"[[deployment.matchers]]\npattern = \".\"\nbrotli = true\n",
			"newsdigest.toml:3: unknown key \"deployment.matchers.brotli\""},
	} {
		_, err := Parse([]byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Parse(%q):\n got %v\nwant %s…", tc.src, err, tc.want)
		}
	}
}
