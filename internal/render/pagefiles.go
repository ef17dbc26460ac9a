package render

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// pageExts are the kinds of file that a browser opens as a document that
// may run scripts, with the site's origin, when it is linked to or typed
// in: XML is shown as XHTML when it uses XHTML's namespace.
var pageExts = map[string]bool{
	".html": true, ".htm": true, ".shtml": true, ".xhtml": true, ".xht": true,
	".xml": true, ".xsl": true, ".xslt": true, ".svgz": true, ".mht": true, ".mhtml": true,
}

// scriptInSVG finds what can run in an SVG opened as a document: a script
// element, an event handler attribute, HTML inside a foreignObject, a
// javascript: URL, and the elements that take a URL or set an attribute
// to one (a link, an animation), where XML character references can hide
// the scheme from a search like this.
var scriptInSVG = regexp.MustCompile(`(?i)<(script|foreignobject|handler|iframe|embed|object|a|animate|set)[\s/>]|\son[a-z]+\s*=|javascript:`)

// runsAsPage refuses a bundle file that would put the author's script on
// the site's origin, as raw HTML in the body would, which markup.unsafe =
// false forbids. An SVG without anything that runs is an image like any
// other; a compressed one cannot be looked into.
func runsAsPage(name string, data []byte) error {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case pageExts[ext]:
		return fmt.Errorf("a %s file opens as a page that may run scripts; bundle files like it are published only with markup.unsafe = true", ext)
	case ext == ".svg" && scriptInSVG.Match(data):
		return errors.New("the SVG holds a script, an event handler, a link, an animation or HTML; it is published only with markup.unsafe = true")
	}
	return nil
}
