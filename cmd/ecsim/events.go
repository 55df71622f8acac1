package main

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/ecsim/ecsim/models"
)

// eventLog collects a run's event log as JSON Lines in memory; the report
// writer stores it atomically with the other files.
type eventLog struct {
	start time.Time
	buf   bytes.Buffer
	enc   *json.Encoder
}

func newEventLog(start time.Time) *eventLog {
	l := &eventLog{start: start}
	l.enc = json.NewEncoder(&l.buf)
	l.enc.SetEscapeHTML(false)
	return l
}

// Log implements models.EventSink.
func (l *eventLog) Log(e models.LogEvent) {
	// Encoding a fixed struct cannot fail; a failure would be a bug here.
	_ = l.enc.Encode(struct {
		Time    string  `json:"time"`
		Offset  float64 `json:"offset_s"`
		Kind    string  `json:"kind"`
		Subject string  `json:"subject"`
		Message string  `json:"message"`
	}{l.start.Add(e.At).UTC().Format(time.RFC3339Nano), e.At.Seconds(), e.Kind, e.Subject, e.Message})
}
