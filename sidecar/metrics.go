package sidecar

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the sidecar's, in a registry of its own (never the global
// one): GET /metrics serves them in the Prometheus text format.
type metrics struct {
	handler         http.Handler
	requests        *prometheus.CounterVec
	violations      *prometheus.CounterVec
	checkSeconds    prometheus.Histogram
	upstreamSeconds prometheus.Histogram
	upstreamErrors  *prometheus.CounterVec
	inFlight        prometheus.Gauge
	conns           prometheus.Gauge
	connsClosed     *prometheus.CounterVec
	agreement       *prometheus.CounterVec
	disagreements   *prometheus.CounterVec
}

func newMetrics(version string) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "contactlint_requests_total",
			Help: "API calls by command (\"other\" for one the rules do not describe) and outcome: passed, refused, forwarded, upstream_error, busy (503), invalid, fixed, canceled.",
		}, []string{"command", "outcome"}),
		violations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "contactlint_violations_total",
			Help: "Violations found in checked calls, by code and severity.",
		}, []string{"code", "severity"}),
		checkSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "contactlint_check_duration_seconds",
			Help:    "Time to check one call.",
			Buckets: prometheus.ExponentialBuckets(10e-6, 4, 8), // 10µs … 164ms
		}),
		upstreamSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "contactlint_upstream_duration_seconds",
			Help:    "Time of a forwarded call, from sending it to the end of its answer.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}),
		upstreamErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "contactlint_upstream_errors_total",
			Help: "Forwarded calls the upstream failed, by kind: timeout, refused, closed, tls, dns, protocol, file_descriptors, other.",
		}, []string{"kind"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "contactlint_in_flight_requests",
			Help: "Calls being checked or forwarded now (bounded by -max-in-flight).",
		}),
		conns: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "contactlint_open_connections",
			Help: "Client connections open now (bounded by -max-conns).",
		}),
		connsClosed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "contactlint_connections_closed_total",
			Help: "Connections closed by the connection bound: idle (an idle keep-alive one, to make room) or refused (no room).",
		}, []string{"reason"}),
		agreement: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "contactlint_api_agreement_total",
			Help: "Forwarded checked calls whose verdict was compared with the API's answer, by command and outcome: agree, false_error (we refused, the API took it), miss (we passed, the API refused), field_difference, message_difference, unknown_message, unreadable.",
		}, []string{"command", "outcome"}),
		disagreements: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "contactlint_api_disagreements_total",
			Help: "Fields on which a verdict and the API's answer differed, by command, outcome, the field's key (\"(required)\", \"(message)\" for a whole answer; \"other\" for a key the rules do not know) and our code on it (\"none\" when we had none).",
		}, []string{"command", "outcome", "field", "code"}),
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "contactlint_build_info",
		Help:        "The running build: 1, with its version as a label.",
		ConstLabels: prometheus.Labels{"version": version},
	})
	build.Set(1)
	reg := prometheus.NewRegistry()
	reg.MustRegister(m.requests, m.violations, m.checkSeconds, m.upstreamSeconds, m.upstreamErrors,
		m.inFlight, m.conns, m.connsClosed, m.agreement, m.disagreements, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return m
}
