package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"regexp"

	"github.com/newsdigest/newsdigest/internal/output"
)

// Rule sets the headers of the files whose path matches Pattern. The first
// rule that matches a file applies; a file no rule matches gets the
// Content-Type of its extension and no Cache-Control.
type Rule struct {
	Pattern      *regexp.Regexp
	CacheControl string
	ContentType  string // empty: from the extension
	Gzip         bool   // compress, and send Content-Encoding: gzip
}

// Headers are what a file is stored with, besides its bytes.
type Headers struct {
	ContentType     string
	CacheControl    string
	ContentEncoding string
}

// Digest identifies a set of headers, short enough for object metadata.
func (h Headers) Digest() string {
	sum := sha256.Sum256([]byte(h.ContentType + "\n" + h.CacheControl + "\n" + h.ContentEncoding))
	return hex.EncodeToString(sum[:8])
}

// RulesDigest identifies a list of rules. A deploy records it in the bucket:
// while the rules stay the same, the listing alone tells what changed;
// after a change, each object's stored headers are read and compared.
func RulesDigest(rules []Rule) string {
	h := sha256.New()
	fmt.Fprintf(h, "v1\n") // the content types chosen for extensions
	for _, r := range rules {
		fmt.Fprintf(h, "%q %q %q %t\n", r.Pattern.String(), r.CacheControl, r.ContentType, r.Gzip)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func match(rules []Rule, key string) (Rule, bool) {
	for _, r := range rules {
		if r.Pattern.MatchString(key) {
			return r, true
		}
	}
	return Rule{}, false
}

// Scan reads every file of a build and finds the bytes, size and headers it
// would be uploaded with, reading workers files at once.
func Scan(ctx context.Context, build fs.FS, rules []Rule, workers int) ([]Local, error) {
	var keys []string
	err := fs.WalkDir(build, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// The marker says the folder is a build; it stays local.
		if d.IsDir() || p == output.Marker {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		keys = append(keys, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the build: %w", err)
	}
	files := make([]Local, len(keys))
	todo := make([]*Local, len(keys))
	for i, k := range keys {
		files[i].Key = k
		todo[i] = &files[i]
	}
	errs := each(ctx, todo, workers, func(l *Local) error {
		var err error
		*l, err = scanFile(build, l.Key, rules)
		return err
	})
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("read the build: %w", errs[0])
	}
	return files, nil
}

func scanFile(build fs.FS, key string, rules []Rule) (Local, error) {
	rule, _ := match(rules, key)
	h := md5.New()
	var head []byte
	n, err := copyEncoded(&sniffer{w: h, head: &head}, build, key, rule.Gzip)
	if err != nil {
		return Local{}, err
	}
	l := Local{Key: key, Size: n, MD5: h.Sum(nil)}
	l.Headers.CacheControl = rule.CacheControl
	l.Headers.ContentType = rule.ContentType
	if rule.Gzip {
		l.Headers.ContentEncoding = "gzip"
		head = nil // sniffing needs the plain bytes; the extension decides
	}
	if l.Headers.ContentType == "" {
		l.Headers.ContentType = contentType(key, head)
	}
	return l, nil
}

// copyEncoded writes the file as it is uploaded to w and returns how many
// bytes that is. Compression leaves out the name and time from the gzip
// header, so the same file gives the same bytes, and the same MD5, on
// every deploy.
func copyEncoded(w io.Writer, build fs.FS, key string, gz bool) (int64, error) {
	f, err := build.Open(key)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cw := &counter{w: w}
	if !gz {
		_, err = io.Copy(cw, f)
		return cw.n, err
	}
	zw, err := gzip.NewWriterLevel(cw, gzip.DefaultCompression)
	if err != nil {
		return 0, err
	}
	if _, err := io.Copy(zw, f); err != nil {
		return 0, err
	}
	err = zw.Close()
	return cw.n, err
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// sniffer keeps the first 512 bytes written through it, for
// http.DetectContentType.
type sniffer struct {
	w    io.Writer
	head *[]byte
}

func (s *sniffer) Write(p []byte) (int, error) {
	if room := 512 - len(*s.head); room > 0 {
		*s.head = append(*s.head, p[:min(room, len(p))]...)
	}
	return s.w.Write(p)
}

func contentType(key string, head []byte) string {
	if t := output.ContentType(key); t != "" {
		return t
	}
	if head == nil {
		return "application/octet-stream"
	}
	return http.DetectContentType(bytes.Clone(head))
}
