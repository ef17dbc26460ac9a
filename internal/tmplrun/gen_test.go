package tmplrun

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"strings"
)

// This file builds templates and data from a fuzzer's bytes, for
// FuzzTemplates. The templates use what the default theme uses: range
// (with variables and else), with, if and else if, {{template}} and
// {{block}}, variables declared and assigned, field chains, methods, the
// builtins and a few functions like the theme's, printed in element text,
// in quoted attributes, in URL attributes and in <title> and <textarea>.
// Most of what it writes is well typed, so that most templates run; some
// of it is not, so that the errors are tried too.

// item is the data: a story of sorts, with a next one and children that
// may be nil.
type item struct {
	Title, URL string
	Count      int
	Size       uint
	Score      float64
	Flag       bool
	Tags       []string
	Items      []*item
	Next       *item
	Any        any
	Params     map[string]string
	Body       template.HTML
}

func (it item) Words() int { return len(strings.Fields(it.Title)) }

func (it *item) Upper() string { return strings.ToUpper(it.Title) }

var genFuncs = template.FuncMap{
	"upper": strings.ToUpper,
	"join":  func(list []string, sep string) string { return strings.Join(list, sep) },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
	"link": func(v any) (string, error) {
		it, ok := v.(*item)
		if !ok || it == nil {
			return "", errors.New("link: not an item")
		}
		return "/s/" + it.URL + "/", nil
	},
	"bold": func(s string) template.HTML { return template.HTML("<b>" + s + "</b>") },
}

// Values the data is made of: text with HTML's special characters, URLs
// of schemes html/template filters, numbers at the edges.
var (
	genStrings = []string{
		"plain", "", `<b>"Floods" & 'rain'</b>`, "javascript:alert(1)", "https://example.com/a?b=c&d=e#f",
		"JaVaScRiPt:x", "/tags/a b/", "mailto:ed@example.com", "a+b=c", "Zürich €5", "%41%zz%", "a\x00b",
		"data:text/html,<x>", "10", "two words", "\xff",
	}
	genInts  = []int{3, 0, 1, -1, 7, 100, math.MaxInt64, math.MinInt64}
	genUints = []uint{3, 0, 1, 7, math.MaxUint64}
	genFloat = []float64{1.5, 0, -2, math.NaN(), math.Inf(1)}
	genAny   = []any{nil, "any <text>", 7, true, []string{"x", "<y>"}, uint8(3), 2.5, template.HTML("<i>i</i>"), template.URL("javascript:ok()")}
)

// source hands out choices from bytes; past their end every choice is 0,
// and choice 0 always ends what is being built.
type source struct {
	b []byte
	i int
}

func (s *source) pick(n int) int {
	if s.i >= len(s.b) {
		return 0
	}
	c := int(s.b[s.i])
	s.i++
	return c % n
}

func (s *source) chance(n int) bool { return s.pick(n) == 1 }

func pickFrom[T any](s *source, list []T) T { return list[s.pick(len(list))] }

// genData makes an item tree, at most depth levels deep.
func genData(s *source, depth int) *item {
	it := &item{
		Title: pickFrom(s, genStrings), URL: pickFrom(s, genStrings),
		Count: pickFrom(s, genInts), Size: pickFrom(s, genUints), Score: pickFrom(s, genFloat),
		Flag: s.chance(2), Any: pickFrom(s, genAny), Body: template.HTML(pickFrom(s, genStrings)),
	}
	for range s.pick(4) {
		it.Tags = append(it.Tags, pickFrom(s, genStrings))
	}
	if s.chance(2) {
		it.Params = map[string]string{"a": pickFrom(s, genStrings)}
	}
	if depth > 0 {
		if s.pick(6) != 0 {
			it.Next = genData(s, depth-1)
		}
		for range s.pick(4) {
			var child *item
			if s.pick(8) != 0 {
				child = genData(s, depth-1)
			}
			it.Items = append(it.Items, child)
		}
	}
	return it
}

// fullData is data with every field set, for the templates that random
// data leaves mostly empty.
func fullData() *item {
	leaf := &item{Title: "Leaf & co", URL: "javascript:x()", Count: 2, Size: 3, Tags: []string{"<t>"}, Any: 1}
	mid := &item{Title: `Mid "quoted"`, URL: "/m/", Count: 1, Flag: true, Next: leaf, Items: []*item{leaf}, Tags: []string{"m"}, Params: map[string]string{"a": "p<a>"}}
	return &item{
		Title: `Floods <in> "Millbrook" & 'Ashford'`, URL: "https://example.com/x?y=1&z=<2>", Count: 7, Size: 7,
		Score: 1.5, Flag: true, Tags: []string{"weather", "rivers & lakes", "<b>"}, Items: []*item{mid, leaf, nil},
		Next: mid, Any: "any", Params: map[string]string{"a": "summary <p>"}, Body: "<p>Safe <em>HTML</em></p>",
	}
}

// kind is the type of value an expression is written to have.
type kind uint8

const (
	kString kind = iota
	kInt
	kBool
	kItem    // *item
	kStrings // []string
	kItems   // []*item
	kOther   // printed only
)

type genVar struct {
	name string
	kind kind
}

// templateGen writes one template set.
type templateGen struct {
	s       *source
	b       strings.Builder
	budget  int      // statements left
	dot     kind     // the type of the dot where the writing is
	vars    []genVar // variables in scope, besides $ (always an item)
	inRange bool     // whether {{break}} and {{continue}} may be written
	defines int      // templates t0 ... defined
	blocks  int
	fresh   int // for variable names
	// How deep the writing is in if, with, range and block bodies, and in
	// calls in expressions. Both are bounded: ranges nested without end
	// would run for ever, and calls without end never be written.
	depth, exprDepth int
}

// genTemplate writes a template: a few defined templates, then the body.
func genTemplate(s *source) string {
	g := &templateGen{s: s}
	g.defines = s.pick(3)
	for i := range g.defines {
		g.b.WriteString(fmt.Sprintf(`{{define "t%d"}}`, i))
		g.dot, g.vars, g.inRange, g.budget, g.depth = kItem, nil, false, 12, genMaxDepth/2
		g.stmts(i + 1)
		g.b.WriteString("{{end}}")
	}
	g.dot, g.vars, g.inRange, g.budget, g.depth = kItem, nil, false, 40, 0
	g.stmts(0)
	for i := range g.defines {
		g.b.WriteString(fmt.Sprintf(`{{template "t%d" .}}`, i))
	}
	return g.b.String()
}

func (g *templateGen) w(parts ...string) {
	for _, p := range parts {
		g.b.WriteString(p)
	}
}

// open and close are action delimiters, sometimes trimming space.
func (g *templateGen) open() string {
	if g.s.chance(10) {
		return "{{- "
	}
	return "{{"
}

func (g *templateGen) close() string {
	if g.s.chance(10) {
		return " -}}"
	}
	return "}}"
}

// stmts writes statements in HTML text; calls may call the defined
// templates from firstCall on (so none calls itself forever).
func (g *templateGen) stmts(firstCall int) {
	for g.budget > 0 {
		g.budget--
		if !g.stmt(firstCall) {
			return
		}
	}
}

// scope runs body with the dot of kind dot, then forgets its variables.
func (g *templateGen) scope(dot kind, body func()) {
	saved, savedDot := len(g.vars), g.dot
	g.dot = dot
	g.depth++
	body()
	g.depth--
	g.vars, g.dot = g.vars[:saved], savedDot
}

// genMaxDepth bounds the nesting of if, with, range and block; a defined
// template starts halfway down, and is called only from the upper half.
const genMaxDepth = 4

func (g *templateGen) stmt(firstCall int) bool {
	choice := g.s.pick(16)
	switch {
	case g.depth >= genMaxDepth && (choice >= 8 && choice <= 10 || choice == 15):
		choice = 2
	case g.depth > genMaxDepth/2 && choice == 11:
		choice = 2
	}
	switch choice {
	case 0:
		return false
	case 1:
		g.w(pickFrom(g.s, []string{"news", " · ", "a &amp; b", "\n", "Page ", "“quoted”"}))
	case 2, 3:
		g.w(g.open(), g.printed(), g.close())
	case 4:
		tag := pickFrom(g.s, []string{"p", "li", "h2", "span", "em"})
		g.w("<", tag, g.attrs(), ">")
		g.stmts(firstCall)
		g.w("</", tag, ">")
	case 5:
		g.w(`<a href="`, g.urlValue(), `"`, g.attrs(), ">")
		g.stmts(firstCall)
		g.w("</a>")
	case 6:
		g.w(`<img src="`, g.urlValue(), `" alt="`, g.attrValue(), `">`)
	case 7:
		tag := pickFrom(g.s, []string{"title", "textarea"})
		g.w("<", tag, ">", g.plainText(), "{{", g.expr(kString), "}}", g.plainText(), "</", tag, ">")
	case 8:
		g.ifStmt(firstCall)
	case 9:
		g.withStmt(firstCall)
	case 10:
		g.rangeStmt(firstCall)
	case 11:
		if firstCall >= g.defines {
			g.w(g.open(), g.printed(), g.close())
			break
		}
		name := fmt.Sprintf("t%d", firstCall+g.s.pick(g.defines-firstCall))
		switch g.s.pick(4) {
		case 0:
			g.w(`{{template "`, name, `" `, g.expr(kItem), `}}`)
		case 1:
			g.w(`{{template "`, name, `"}}`) // the dot is nil
		default:
			if g.dot == kItem {
				g.w(`{{template "`, name, `" .}}`)
			} else {
				g.w(`{{template "`, name, `" $}}`)
			}
		}
	case 12:
		k := pickFrom(g.s, []kind{kString, kInt, kBool, kItem})
		name := fmt.Sprintf("$v%d", g.fresh)
		g.fresh++
		g.w("{{", name, " := ", g.expr(k), "}}")
		g.vars = append(g.vars, genVar{name, k})
	case 13:
		if len(g.vars) == 0 {
			return true
		}
		v := pickFrom(g.s, g.vars)
		g.w("{{", v.name, " = ", g.expr(v.kind), "}}")
	case 14:
		if g.inRange {
			g.w("{{if ", g.expr(kBool), "}}", pickFrom(g.s, []string{"{{break}}", "{{continue}}"}), "{{end}}")
		}
	case 15:
		if g.blocks > 0 || firstCall > 0 {
			return true
		}
		g.blocks++
		g.w(`{{block "b0" `, g.expr(kItem), `}}`)
		saved, savedRange := g.vars, g.inRange
		g.vars, g.inRange = nil, false
		g.scope(kItem, func() { g.stmts(g.defines) })
		g.vars, g.inRange = saved, savedRange
		g.w("{{end}}")
	}
	return true
}

func (g *templateGen) ifStmt(firstCall int) {
	g.w(g.open(), "if ", g.expr(kBool), g.close())
	g.scope(g.dot, func() { g.stmts(firstCall) })
	for g.s.chance(3) {
		g.w("{{else if ", g.expr(kBool), "}}")
		g.scope(g.dot, func() { g.stmts(firstCall) })
	}
	if g.s.chance(2) {
		g.w("{{else}}")
		g.scope(g.dot, func() { g.stmts(firstCall) })
	}
	g.w(g.open(), "end", g.close())
}

func (g *templateGen) withStmt(firstCall int) {
	k := pickFrom(g.s, []kind{kString, kItem, kInt, kStrings, kOther})
	g.w("{{with ", g.expr(k), "}}")
	g.scope(k, func() { g.stmts(firstCall) })
	if g.s.chance(2) {
		g.w("{{else}}")
		g.scope(g.dot, func() { g.stmts(firstCall) })
	}
	g.w("{{end}}")
}

func (g *templateGen) rangeStmt(firstCall int) {
	list, elem := kStrings, kString
	switch g.s.pick(4) {
	case 1:
		list, elem = kItems, kItem
	case 2:
		list, elem = kInt, kInt
	}
	var decl []genVar
	switch g.s.pick(3) {
	case 1:
		decl = []genVar{{fmt.Sprintf("$x%d", g.fresh), elem}}
	case 2:
		if list == kInt && !g.s.chance(8) {
			break // an error, tried only now and then
		}
		decl = []genVar{{fmt.Sprintf("$i%d", g.fresh), kInt}, {fmt.Sprintf("$x%d", g.fresh), elem}}
	}
	g.fresh++
	g.w("{{range ")
	for i, v := range decl {
		if i > 0 {
			g.w(", ")
		}
		g.w(v.name)
	}
	if decl != nil {
		g.w(" := ")
	}
	if list == kInt {
		// Not any int: the data holds math.MaxInt64.
		switch g.s.pick(3) {
		case 1:
			g.w("(len ", g.exprOf(pickFrom(g.s, []kind{kStrings, kItems})), ")}}")
		case 2:
			g.w(pickFrom(g.s, []string{"0", "-1", "1"}), "}}")
		default:
			g.w("3}}")
		}
	} else {
		g.w(g.exprOf(list), "}}")
	}
	g.scope(elem, func() {
		g.vars = append(g.vars, decl...)
		saved := g.inRange
		g.inRange = true
		g.stmts(firstCall)
		g.inRange = saved
	})
	if g.s.chance(2) {
		g.w("{{else}}")
		g.scope(g.dot, func() {
			// The declared variables hold the whole list here.
			for _, v := range decl {
				g.vars = append(g.vars, genVar{v.name, kOther})
			}
			g.stmts(firstCall)
		})
	}
	g.w("{{end}}")
}

// attrs writes a few quoted attributes of a start tag.
func (g *templateGen) attrs() string {
	var b strings.Builder
	for range g.s.pick(3) {
		switch g.s.pick(4) {
		case 0:
			b.WriteString(` title="` + g.attrValue() + `"`)
		case 1:
			b.WriteString(` class='k` + g.attrValue() + `'`)
		case 2:
			b.WriteString(` data-n="` + g.attrValue() + `"`)
		case 3:
			b.WriteString(` id="x-{{` + g.expr(kString) + `}}"`)
		}
	}
	return b.String()
}

func (g *templateGen) attrValue() string {
	switch g.s.pick(4) {
	case 1:
		return "{{" + g.printed() + "}}"
	case 2:
		return "{{if " + g.expr(kBool) + "}} on{{else}}{{" + g.expr(kString) + "}}{{end}}"
	case 3:
		return g.plainText() + "{{" + g.expr(kInt) + "}}"
	}
	return g.plainText()
}

// urlValue is the value of an href or src: a whole URL, or a value in a
// path, a query or a fragment.
func (g *templateGen) urlValue() string {
	switch g.s.pick(6) {
	case 1:
		return "{{" + g.expr(kString) + "}}"
	case 2:
		return "/tags/{{" + g.expr(kString) + "}}/"
	case 3:
		return "/s?q={{" + g.expr(kString) + "}}&amp;n={{" + g.expr(kInt) + "}}"
	case 4:
		return "{{" + g.expr(kString) + "}}#{{" + g.expr(kString) + "}}"
	case 5:
		return "{{" + g.expr(kOther) + "}}"
	}
	return "/"
}

func (g *templateGen) plainText() string {
	return pickFrom(g.s, []string{"", "x ", "a&amp;b ", "Page "})
}

// printed is a pipeline to print: a value, sometimes piped on.
func (g *templateGen) printed() string {
	switch g.s.pick(8) {
	case 1:
		return g.expr(kInt)
	case 2:
		return g.expr(kBool)
	case 3:
		return g.expr(kOther)
	case 4:
		return g.expr(kString) + " | upper"
	case 5:
		return g.expr(kInt) + ` | printf "%03d"`
	case 6:
		return g.expr(kString) + " | bold"
	case 7:
		return g.expr(pickFrom(g.s, []kind{kStrings, kItem, kItems}))
	}
	return g.expr(kString)
}

// recv is an item to take fields from: "" for the dot, or a variable.
func (g *templateGen) recv() string {
	options := []string{"$"}
	if g.dot == kItem {
		options = append(options, "", "")
	}
	for _, v := range g.vars {
		if v.kind == kItem {
			options = append(options, v.name)
		}
	}
	return pickFrom(g.s, options)
}

func (g *templateGen) varOf(k kind) (string, bool) {
	var names []string
	for _, v := range g.vars {
		if v.kind == k {
			names = append(names, v.name)
		}
	}
	if k == g.dot {
		names = append(names, ".")
	}
	if len(names) == 0 {
		return "", false
	}
	return pickFrom(g.s, names), true
}

// expr is an operand of kind k, in parentheses if it is a call. One in
// some twenty is of another kind, so that type errors are tried.
func (g *templateGen) expr(k kind) string {
	if g.s.pick(20) == 19 {
		k = pickFrom(g.s, []kind{kString, kInt, kBool, kItem, kStrings, kOther})
	}
	return g.exprOf(k)
}

// exprOf is an operand of kind k, where no other will do: what a range
// goes over (the data holds math.MaxInt64).
func (g *templateGen) exprOf(k kind) string {
	// Past a few levels of calls only the plain fields, the first choice
	// of each kind, are taken.
	g.exprDepth++
	defer func() { g.exprDepth-- }()
	choose := g.s.pick
	if g.exprDepth > 3 {
		choose = func(int) int { return 0 }
	}
	r := g.recv()
	self := r
	if self == "" {
		self = "."
	}
	switch k {
	case kString:
		switch choose(14) {
		case 1:
			return r + ".URL"
		case 2:
			return r + ".Next.Title"
		case 3:
			return fmt.Sprintf("(index %s.Tags %d)", r, g.s.pick(3))
		case 4:
			return pickFrom(g.s, []string{`"lit"`, `""`, `"<q>&"`, `"javascript:x"`})
		case 5:
			return fmt.Sprintf(`(printf "%%s|%%d" %s %s)`, g.expr(kString), g.expr(kInt))
		case 6:
			return "(upper " + g.expr(kString) + ")"
		case 7:
			return "(join " + g.expr(kStrings) + ` ", ")`
		case 8:
			return r + ".Upper"
		case 9:
			return r + pickFrom(g.s, []string{".Params.a", ".Params.missing"})
		case 10:
			return fmt.Sprintf(`(index %s.Params "a")`, r)
		case 11:
			if v, ok := g.varOf(kString); ok {
				return v
			}
		case 12:
			return "(plural " + g.expr(kInt) + ` "story" "stories")`
		case 13:
			return "(link " + g.expr(kItem) + ")"
		}
		return r + ".Title"
	case kInt:
		switch choose(9) {
		case 1:
			return r + ".Size"
		case 2:
			return "(len " + g.expr(pickFrom(g.s, []kind{kStrings, kItems, kString})) + ")"
		case 3:
			return pickFrom(g.s, []string{"0", "1", "3", "-1"})
		case 4, 5:
			if v, ok := g.varOf(kInt); ok {
				return v
			}
		case 6:
			return r + ".Words"
		case 7:
			return r + ".Next.Count"
		case 8:
			return r + ".Any"
		}
		return r + ".Count"
	case kBool:
		switch choose(8) {
		case 1, 2:
			return g.comparison()
		case 3:
			return "(not " + g.expr(pickFrom(g.s, []kind{kBool, kString, kInt, kItem})) + ")"
		case 4:
			return "(and " + g.expr(kBool) + " " + g.expr(pickFrom(g.s, []kind{kBool, kString, kItem})) + ")"
		case 5:
			return "(or " + g.expr(pickFrom(g.s, []kind{kBool, kString})) + " " + g.expr(kBool) + ")"
		case 6:
			if v, ok := g.varOf(kBool); ok {
				return v
			}
		case 7:
			return pickFrom(g.s, []string{"true", "false"})
		}
		return r + ".Flag"
	case kItem:
		switch choose(5) {
		case 1:
			return r + ".Next"
		case 2:
			return r + ".Next.Next"
		case 3:
			return fmt.Sprintf("(index %s.Items %d)", r, g.s.pick(2))
		case 4:
			if v, ok := g.varOf(kItem); ok {
				return v
			}
		}
		return self
	case kStrings:
		if g.s.chance(3) {
			return r + ".Next.Tags"
		}
		return r + ".Tags"
	case kItems:
		if g.s.chance(3) {
			return r + ".Next.Items"
		}
		return r + ".Items"
	}
	switch choose(5) {
	case 1:
		return r + ".Score"
	case 2:
		return r + ".Body"
	case 3:
		if v, ok := g.varOf(kOther); ok {
			return v
		}
	case 4:
		return r + ".Params"
	}
	return r + ".Any"
}

// comparison is a call of eq, ne, lt, le, gt or ge on operands mostly of
// one kind: ints (and a uint), strings, booleans, items against nil, and
// sometimes a mismatch.
func (g *templateGen) comparison() string {
	op := pickFrom(g.s, []string{"eq", "ne", "lt", "le", "gt", "ge"})
	var a, b string
	switch g.s.pick(8) {
	case 0, 1, 2:
		a, b = g.expr(kInt), g.expr(kInt)
	case 3, 4:
		a, b = g.expr(kString), g.expr(kString)
	case 5:
		a, b = g.expr(kBool), g.expr(kBool)
	case 6:
		a, b = g.expr(kItem), pickFrom(g.s, []string{"nil", g.expr(kItem)})
	case 7:
		a, b = g.expr(kInt), g.expr(pickFrom(g.s, []kind{kString, kOther}))
	}
	if op == "eq" && g.s.chance(4) {
		b += " " + g.expr(kInt)
	}
	return "(" + op + " " + a + " " + b + ")"
}
