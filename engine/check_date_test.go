package engine

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestPastDateRule(t *testing.T) {
	today := time.Date(2026, 11, 23, 15, 0, 0, 0, time.UTC)
	e := fieldEngine(t, "checks:\n  - past-date: {format: DD.MM.YYYY}\n", Options{Now: func() time.Time { return today }})
	for _, ok := range []string{"08.08.1900", "29.02.2000", "23.11.2026"} {
		assert.Empty(t, codes(e, ok), ok)
	}
	for _, bad := range []string{"24.11.2026", "29.02.2001", "31.04.1990", "1990-01-30", "8.8.1900", "08.08.190", "aa.bb.cccc"} {
		assert.Equal(t, []string{"v past-date error"}, codes(e, bad), bad)
	}
}

func TestPastDateFormats(t *testing.T) {
	iso := fieldEngine(t, "checks:\n  - past-date: {format: YYYY-MM-DD}\n")
	assert.Empty(t, codes(iso, "1990-01-30"))
	assert.Equal(t, []string{"v past-date error"}, codes(iso, "30.01.1990"))
	d := loadErr(t, "version: 1\nfields:\n  v:\n    checks:\n      - past-date: {format: MM/DD/YY}\ncommands:\n  t/cmd:\n    params: [v]\n")
	assert.Equal(t, "bad-option", d[0].Code)
	d = loadErr(t, "version: 1\nfields:\n  v:\n    checks:\n      - past-date: {format: [YYYY-MM-DD]}\ncommands:\n  t/cmd:\n    params: [v]\n")
	assert.Equal(t, "wrong-type", d[0].Code, "one format")
}
