package engine

import (
	"fmt"

	"github.com/go-playground/validator/v10"

	"github.com/contactlint/contactlint/tldspec"
)

// tagRules run a go-playground/validator tag on the value (url, hostname,
// ...). validator panics on a tag it does not know, so each tag is probed
// once here, under recover, and a bad one is a diagnostic at its position.
func (fc *fieldCtx) tagRules() []rule {
	t := fc.f.Tag
	if !t.Set {
		return nil
	}
	c := fc.c
	if c.validate == nil {
		c.validate = validator.New(validator.WithRequiredStructEnabled())
	}
	v, tag := c.validate, t.V
	if err := probeTag(v, tag); err != nil {
		c.diags.Errorf(t.Pos, tldspec.DiagBadTag, "%s tag %q: %v", fc.f.Param, tag, err)
		return nil
	}
	r := fc.rule(CodeTag, Error, t.Pos, optString{}, "", "", func(s string, _ *state) bool {
		return v.Var(s, tag) == nil
	})
	r.detail = "validator tag " + tag
	r.basis = t.Basis
	return []rule{r}
}

func probeTag(v *validator.Validate, tag string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	_ = v.Var("x", tag) // a validation error is fine; only a panic is not
	return nil
}
