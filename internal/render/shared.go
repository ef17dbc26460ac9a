package render

import (
	"html/template"
	"text/template/parse"
)

// sharedNames lists the templates of a page's set that render the same in
// every set: those the page file neither defines nor redefines, and that
// reach no template it does. partialCached keys their output without the
// set, so a story's entry rendered for a topic page serves its tag pages
// too. root is the set of baseof.html and the partials, before any page.
func sharedNames(root, set *template.Template) map[string]bool {
	own := map[string]bool{}
	for _, t := range set.Templates() {
		r := root.Lookup(t.Name())
		if t.Tree == nil || r == nil || r.Tree == nil || r.Tree.Root.String() != t.Tree.Root.String() {
			own[t.Name()] = true
		}
	}
	shared := map[string]bool{}
	for _, t := range set.Templates() {
		if !own[t.Name()] && !reachesAny(set, t.Name(), own) {
			shared[t.Name()] = true
		}
	}
	return shared
}

// reachesAny tells whether the template name calls, directly or through
// others, a template in names, or a partial whose name is not written out.
func reachesAny(set *template.Template, name string, names map[string]bool) bool {
	seen := map[string]bool{}
	var visit func(name string) bool
	visit = func(name string) bool {
		if names[name] {
			return true
		}
		if seen[name] {
			return false
		}
		seen[name] = true
		t := set.Lookup(name)
		if t == nil || t.Tree == nil {
			return false
		}
		calls, dynamic := calledTemplates(t.Tree.Root)
		if dynamic {
			return true
		}
		for _, c := range calls {
			if visit(c) {
				return true
			}
		}
		return false
	}
	return visit(name)
}

// calledTemplates lists the templates a tree calls with {{template}} or
// partialCached; dynamic is set when partialCached is given a name that is
// not a string literal.
func calledTemplates(root parse.Node) (calls []string, dynamic bool) {
	calls, _, dynamic = templateCalls(root)
	return calls, dynamic
}

// templateCalls is calledTemplates that also lists, apart, the names
// given to partialCached.
func templateCalls(root parse.Node) (calls, cached []string, dynamic bool) {
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walkBranch(&n.BranchNode, walk)
		case *parse.RangeNode:
			walkBranch(&n.BranchNode, walk)
		case *parse.WithNode:
			walkBranch(&n.BranchNode, walk)
		case *parse.TemplateNode:
			calls = append(calls, n.Name)
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.CommandNode:
			if id, ok := first(n.Args).(*parse.IdentifierNode); ok && id.Ident == "partialCached" {
				if len(n.Args) > 1 {
					if s, ok := n.Args[1].(*parse.StringNode); ok {
						calls = append(calls, s.Text)
						cached = append(cached, s.Text)
					} else {
						dynamic = true
					}
				}
			}
			for _, a := range n.Args {
				walk(a)
			}
		}
	}
	walk(root)
	return calls, cached, dynamic
}

func walkBranch(b *parse.BranchNode, walk func(parse.Node)) {
	walk(b.Pipe)
	walk(b.List)
	walk(b.ElseList)
}

func first(args []parse.Node) parse.Node {
	if len(args) == 0 {
		return nil
	}
	return args[0]
}
