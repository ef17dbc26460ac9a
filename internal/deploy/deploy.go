// Package deploy publishes a built site to object storage, sending only what
// changed. Prepare compares the build with the bucket's listing (Make is
// that comparison alone, pure) and orders the work so that no live page
// links to a file not yet uploaded: assets, then article pages, then list
// pages, then the front page, feeds and sitemaps, deletions last. Apply
// carries a plan out against a gocloud.dev/blob bucket; since a plan is made
// from the bucket as it is, running again after an interrupted deploy
// finishes the job.
package deploy

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"gocloud.dev/blob"
)

// Phase is one step of a deploy. Every upload of a phase ends before the
// next phase starts.
type Phase int

const (
	// Assets are stylesheets, scripts, images, fonts, search data: anything
	// a page links to that is not a page or a feed itself.
	Assets Phase = iota
	// Articles are the pages of single articles, which list pages link to.
	Articles
	// Lists are the other pages: editions, topics, tags, stories, archives.
	Lists
	// Front is the front page, the feeds, the sitemaps and robots.txt: what
	// readers and crawlers come in through.
	Front
	// Deletes removes what the build no longer has, once nothing links to it.
	Deletes
)

func (p Phase) String() string {
	switch p {
	case Assets:
		return "assets"
	case Articles:
		return "article pages"
	case Lists:
		return "list pages"
	case Front:
		return "front page and feeds"
	case Deletes:
		return "deletions"
	}
	return fmt.Sprintf("Phase(%d)", int(p))
}

// articlePage is the shape of an article's page, urls.Article plus the
// file name: "2025/01/06/grocers/index.html".
var articlePage = regexp.MustCompile(`^[0-9]{4}/[0-9]{2}/[0-9]{2}/[^/]+/index\.html$`)

// PhaseOf says in which phase a file of the build is uploaded.
func PhaseOf(key string) Phase {
	base := path.Base(key)
	switch {
	case key == "index.html", key == "robots.txt",
		base == "feed.xml", base == "atom.xml", base == "feed.json",
		strings.HasSuffix(base, ".xml") && strings.Contains(base, "sitemap"):
		return Front
	case articlePage.MatchString(key):
		return Articles
	case strings.HasSuffix(base, ".html"):
		return Lists
	}
	return Assets
}

// Local is one file of the build, as it would be uploaded.
type Local struct {
	Key     string // slash-separated path under the site root
	Size    int64  // bytes as uploaded (after gzip when a matcher asks)
	MD5     []byte // of the bytes as uploaded
	Headers Headers
}

// Remote is one object of the bucket's listing.
type Remote struct {
	Key  string
	Size int64
	MD5  []byte // nil when the store does not say
	// Headers is the Headers.Digest stored with the object, when Inspect
	// has read it; empty otherwise.
	Headers string
}

// Upload is a file to send, and why.
type Upload struct {
	Local
	Reason string // "new", "changed" or "headers changed"
}

// Listing is what the bucket holds.
type Listing struct {
	Objects map[string]Remote
	// Rules is the RulesDigest of the last complete deploy; empty for a
	// bucket never deployed to, or filled by some other tool.
	Rules string
}

// Plan is the work a deploy does, in order.
type Plan struct {
	Uploads   [Deletes][]Upload // by phase; each sorted by key
	Deletes   []string          // keys, sorted
	Unchanged int
	// Rules is recorded in the bucket when every step has succeeded, if
	// it differs from the listing's.
	Rules       string
	RecordRules bool
}

// Count is the number of uploads in every phase.
func (p *Plan) Count() int {
	n := 0
	for _, ups := range p.Uploads {
		n += len(ups)
	}
	return n
}

// Bytes is the size of every upload.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, ups := range p.Uploads {
		for _, u := range ups {
			n += u.Size
		}
	}
	return n
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return p.Count() == 0 && len(p.Deletes) == 0 }

// Changed is every key the plan uploads or deletes, in the order it does so.
func (p *Plan) Changed() []string {
	var keys []string
	for _, ups := range p.Uploads {
		for _, u := range ups {
			keys = append(keys, u.Key)
		}
	}
	return append(keys, p.Deletes...)
}

// Make compares the build, scanned under rules, with the bucket. A file is
// uploaded when the bucket lacks it or when size or MD5 differ. When the
// rules differ from those of the last complete deploy, it is also uploaded
// when the headers stored with the object (read by Inspect) differ from
// its own. An object the build lacks is deleted, unless its name or a
// folder of its path starts with a dot.
func Make(local []Local, rules string, bucket Listing) *Plan {
	remote := bucket.Objects
	checkHeaders := bucket.Rules != rules
	p := &Plan{Rules: rules, RecordRules: bucket.Rules != rules}
	built := make(map[string]bool, len(local))
	for _, l := range local {
		built[l.Key] = true
		r, ok := remote[l.Key]
		reason := ""
		switch {
		case !ok:
			reason = "new"
		case r.Size != l.Size || !bytes.Equal(r.MD5, l.MD5):
			reason = "changed"
		case checkHeaders && r.Headers != l.Headers.Digest():
			reason = "headers changed"
		default:
			p.Unchanged++
			continue
		}
		ph := PhaseOf(l.Key)
		p.Uploads[ph] = append(p.Uploads[ph], Upload{Local: l, Reason: reason})
	}
	for key := range remote {
		if !built[key] && !hidden(key) {
			p.Deletes = append(p.Deletes, key)
		}
	}
	for _, ups := range p.Uploads {
		sort.Slice(ups, func(i, j int) bool { return ups[i].Key < ups[j].Key })
	}
	sort.Strings(p.Deletes)
	return p
}

// hidden reports whether a key is a dot-file or lies in a dot-folder. The
// build writes none of its own, so such a file is one the host or a person
// put there (.git of a GitHub Pages checkout, .well-known/ of a
// certificate check): a deploy leaves it alone.
func hidden(key string) bool {
	for part := range strings.SplitSeq(key, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// TooManyDeletes is the error of a plan that would delete more objects than
// allowed: most often a sign of deploying the wrong folder or to the wrong
// bucket.
type TooManyDeletes struct {
	N, Max int
}

func (e *TooManyDeletes) Error() string {
	return fmt.Sprintf("the deploy would delete %d files, more than the limit of %d; check the build and the target, then rerun with --force or a higher --max-deletes", e.N, e.Max)
}

// Prepare plans the deploy of a build to a bucket: it scans the build under
// rules, lists the bucket and compares the two.
func Prepare(ctx context.Context, b *blob.Bucket, build fs.FS, rules []Rule, workers int) (*Plan, error) {
	local, err := Scan(ctx, build, rules, max(workers, 1))
	if err != nil {
		return nil, err
	}
	bucket, err := List(ctx, b)
	if err != nil {
		return nil, err
	}
	digest := RulesDigest(rules)
	if err := Inspect(ctx, b, local, bucket, digest, max(workers, 1)); err != nil {
		return nil, err
	}
	return Make(local, digest, bucket), nil
}

// CheckDeletes refuses a plan that deletes more than max objects.
func (p *Plan) CheckDeletes(max int) error {
	if len(p.Deletes) > max {
		return &TooManyDeletes{N: len(p.Deletes), Max: max}
	}
	return nil
}
