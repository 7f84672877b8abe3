package engine

import (
	"fmt"

	"github.com/go-playground/validator/v10"
)

// tagRules run a go-playground/validator tag on the value (url, hostname,
// ...). Load probed every tag (Catalog), so this one runs.
func (fc *fieldCtx) tagRules() []rule {
	t := fc.f.Tag
	if !t.Set {
		return nil
	}
	c := fc.c
	if c.validate == nil {
		c.validate = newValidator()
	}
	v, tag := c.validate, t.V
	r := fc.rule(CodeTag, Error, t.Pos, ruleText{}, func(s string, _ *state) bool {
		return v.Var(s, tag) == nil
	})
	r.detail = "validator tag " + tag
	r.basis = t.Basis
	return []rule{r}
}

func newValidator() *validator.Validate {
	return validator.New(validator.WithRequiredStructEnabled())
}

// probeTag reports whether validator can run tag: it panics on one it
// does not know.
func probeTag(v *validator.Validate, tag string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	_ = v.Var("x", tag) // a validation error is fine; only a panic is not
	return nil
}
