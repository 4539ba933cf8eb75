package emulator

import (
	"net/http"
	"strings"
)

// route is one method and path pattern, in the same "METHOD /path/{param}" form that
// counters and faults use, so a pattern means the same thing everywhere.
type route[H any] struct {
	method  string
	pattern string // "POST /v1/environments/{envID}/oathTokens"
	segs    []string
	handle  H
	// inEnv marks API routes: they need a bearer token and an environment the worker may use.
	inEnv bool
}

// router matches paths segment by segment. net/http's ServeMux would answer 404 and 405 in
// plain text; PingOne answers JSON, so the emulator needs to tell the two apart itself.
// H is the handler type: API handlers compute replies under the state lock, control handlers
// write their answers themselves.
type router[H any] struct {
	routes []route[H]
}

func (rt *router[H]) add(method, path string, inEnv bool, h H) {
	rt.routes = append(rt.routes, route[H]{
		method: method, pattern: method + " " + path, segs: splitPath(path), handle: h, inEnv: inEnv,
	})
}

// match returns the route for the request and its path parameters; when the path matches
// but the method does not, it returns the allowed methods instead.
func (rt *router[H]) match(method, path string) (*route[H], map[string]string, []string) {
	segs := splitPath(path)
	var allowed []string
	for i := range rt.routes {
		r := &rt.routes[i]
		params, ok := matchSegments(r.segs, segs)
		if !ok {
			continue
		}
		if r.method == method {
			return r, params, nil
		}
		allowed = append(allowed, r.method)
	}
	return nil, nil, allowed
}

func splitPath(path string) []string {
	return strings.Split(strings.TrimPrefix(path, "/"), "/")
}

// matchSegments matches literal segments exactly and binds {name} segments to any non-empty value.
func matchSegments(pattern, segs []string) (map[string]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var params map[string]string
	for i, p := range pattern {
		if name, ok := paramName(p); ok {
			if segs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[name] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}

func paramName(seg string) (string, bool) {
	if len(seg) > 2 && seg[0] == '{' && seg[len(seg)-1] == '}' {
		return seg[1 : len(seg)-1], true
	}
	return "", false
}

// bind makes the path parameters available through r.PathValue and the pattern through
// r.Pattern, as if ServeMux had routed the request.
func bind(r *http.Request, pattern string, params map[string]string) {
	r.Pattern = pattern
	for k, v := range params {
		r.SetPathValue(k, v)
	}
}
