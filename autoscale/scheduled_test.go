package autoscale

import (
	"strings"
	"testing"
	"time"
)

func newScheduledTarget(t *testing.T, epoch time.Time, minCap, maxCap int, actions ...ScheduledActionConfig) *ScalableTarget {
	t.Helper()
	tg, err := NewScalableTarget(NewMetrics(0), ScalableTargetConfig{MinCapacity: minCap, MaxCapacity: maxCap, Epoch: epoch})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actions {
		if _, err := tg.AddScheduledAction(a); err != nil {
			t.Fatal(err)
		}
	}
	return tg
}

// TestScheduledFixtureActions replays awscli-describe-scheduled-actions.json.
func TestScheduledFixtureActions(t *testing.T) {
	epoch := time.Date(2019, 5, 20, 18, 0, 0, 0, time.UTC)
	tg := newScheduledTarget(t, epoch, 1, 5,
		ScheduledActionConfig{ScheduledActionName: "my-first-scheduled-action", Schedule: "at(2019-05-20T18:35:00)",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(15), MaxCapacity: Capacity(20)}},
		ScheduledActionConfig{ScheduledActionName: "my-second-scheduled-action", Schedule: "at(2019-05-20T18:40:00)",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(5), MaxCapacity: Capacity(10)}},
	)
	at, ok := tg.NextScheduledAction()
	if !ok || at != 35*time.Minute {
		t.Fatalf("next = %v,%v want 35m", at, ok)
	}
	if d := tg.RunScheduledActions(34*time.Minute, TargetInput{Desired: 3}); d.Cause != CauseNone || d.Action != NoAction {
		t.Errorf("early run acted: %+v", d)
	}
	d := tg.RunScheduledActions(at, TargetInput{Running: 3, Desired: 3})
	if d.Action != ScaleOut || d.Desired != 15 || d.MinCapacity != 15 || d.MaxCapacity != 20 || d.Cause != CauseScheduled || d.Policy != 0 {
		t.Errorf("first action: %+v", d)
	}
	at, _ = tg.NextScheduledAction()
	d = tg.RunScheduledActions(at, TargetInput{Running: 15, Desired: 15})
	if at != 40*time.Minute || d.Action != ScaleIn || d.Desired != 10 || d.MinCapacity != 5 || d.MaxCapacity != 10 || d.Policy != 1 {
		t.Errorf("second action at %v: %+v", at, d)
	}
	if _, ok := tg.NextScheduledAction(); ok {
		t.Error("at() actions fired twice")
	}
}

func TestScheduledCronInTimeZone(t *testing.T) {
	// Monday 2024-03-04 00:00 UTC; Berlin is UTC+1 in March before the 31st.
	epoch := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	tg := newScheduledTarget(t, epoch, 1, 50,
		ScheduledActionConfig{ScheduledActionName: "morning", Schedule: "cron(0 8 ? * MON-FRI *)", Timezone: "Europe/Berlin",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(10)}},
		ScheduledActionConfig{ScheduledActionName: "evening", Schedule: "cron(0 20 ? * MON-FRI *)", Timezone: "Europe/Berlin",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(1)}},
	)
	at, _ := tg.NextScheduledAction()
	if at != 7*time.Hour {
		t.Fatalf("first = %v, want 7h (08:00 CET)", at)
	}
	if d := tg.RunScheduledActions(at, TargetInput{Desired: 2}); d.Desired != 10 || d.Action != ScaleOut {
		t.Errorf("morning: %+v", d)
	}
	at, _ = tg.NextScheduledAction()
	// Lowering min does not scale in: policies continue inside the bounds.
	if d := tg.RunScheduledActions(at, TargetInput{Desired: 10}); at != 19*time.Hour || d.Action != NoAction || d.MinCapacity != 1 {
		t.Errorf("evening at %v: %+v", at, d)
	}
}

func TestScheduledIgnoresCooldownAndLateRunsInOrder(t *testing.T) {
	h := newHarness(t, 1, 20, 10, 1)
	h.tt(0, 75, nil)
	h.run(3, 150) // target-tracking scale-out at minute 3 to 20: cooldowns active
	if _, err := h.target.AddScheduledAction(ScheduledActionConfig{ScheduledActionName: "cap", Schedule: "rate(1 hour)",
		StartTime: time.Unix(0, 0).Add(4 * time.Minute), ScalableTargetAction: ScalableTargetAction{MaxCapacity: Capacity(6)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.target.AddScheduledAction(ScheduledActionConfig{ScheduledActionName: "cap2", Schedule: "at(1970-01-01T00:05:00)",
		ScalableTargetAction: ScalableTargetAction{MaxCapacity: Capacity(8)}}); err != nil {
		t.Fatal(err)
	}
	// Run late (at minute 6): both are due; the 00:04 one applies first.
	d := h.target.RunScheduledActions(6*time.Minute, h.in)
	if d.Action != ScaleIn || d.Desired != 8 || d.MaxCapacity != 8 || d.Policy != 1 {
		t.Errorf("late run: %+v", d)
	}
	if at, _ := h.target.NextScheduledAction(); at != 64*time.Minute {
		t.Errorf("rate next = %v, want 64m", at)
	}
}

func TestScheduledSuspendedWindowAndInvalidBounds(t *testing.T) {
	epoch := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t.Run("suspended", func(t *testing.T) {
		tg := newScheduledTarget(t, epoch, 1, 5, ScheduledActionConfig{ScheduledActionName: "a", Schedule: "rate(10 minutes)",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(4)}})
		tg.SetSuspended(SuspendedState{ScheduledScalingSuspended: true})
		d := tg.RunScheduledActions(0, TargetInput{Desired: 1})
		if d.Action != NoAction || d.MinCapacity != 1 {
			t.Errorf("suspended action applied: %+v", d)
		}
		if at, _ := tg.NextScheduledAction(); at != 10*time.Minute {
			t.Errorf("suspended action did not advance: next %v", at)
		}
	})
	t.Run("start and end time", func(t *testing.T) {
		tg := newScheduledTarget(t, epoch, 1, 5, ScheduledActionConfig{ScheduledActionName: "a", Schedule: "cron(0 * * * ? *)",
			StartTime: epoch.Add(150 * time.Minute), EndTime: epoch.Add(200 * time.Minute),
			ScalableTargetAction: ScalableTargetAction{MaxCapacity: Capacity(3)}})
		at, ok := tg.NextScheduledAction()
		if !ok || at != 180*time.Minute {
			t.Fatalf("next = %v,%v want 180m", at, ok)
		}
		tg.RunScheduledActions(at, TargetInput{Desired: 1})
		if _, ok := tg.NextScheduledAction(); ok {
			t.Error("fired after EndTime")
		}
	})
	t.Run("min above max is skipped", func(t *testing.T) {
		tg := newScheduledTarget(t, epoch, 1, 5, ScheduledActionConfig{ScheduledActionName: "a", Schedule: "at(2024-01-01T00:01:00)",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(9)}})
		d := tg.RunScheduledActions(time.Minute, TargetInput{Desired: 2})
		if d.Blocked != BlockedInvalidBounds || d.MinCapacity != 1 || d.Action != NoAction {
			t.Errorf("decision %+v", d)
		}
	})
}

func TestScheduledValidation(t *testing.T) {
	tg := newScheduledTarget(t, time.Time{}, 1, 5)
	tests := []struct {
		name string
		c    ScheduledActionConfig
		want []string
	}{
		{"unparsable cron", ScheduledActionConfig{ScheduledActionName: "a", Schedule: "cron(0 8 * * MON *)",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(1)}},
			[]string{"schedule: schedule \"cron(0 8 * * MON *)\": day-of-month: exactly one of day-of-month and day-of-week must be ?"}},
		{"unknown zone and no bounds", ScheduledActionConfig{ScheduledActionName: "a", Schedule: "rate(1 day)", Timezone: "Mars/Olympus"},
			[]string{`timezone: unknown time zone "Mars/Olympus"`, "scalable_target_action.min_capacity: at least one"}},
		{"bounds", ScheduledActionConfig{Schedule: "rate(1 day)",
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(4), MaxCapacity: Capacity(2)}},
			[]string{"scheduled_action_name: required", "scalable_target_action.max_capacity: 2 is less than min_capacity 4"}},
		{"negative and window", ScheduledActionConfig{ScheduledActionName: "a", Schedule: "rate(1 day)",
			StartTime: time.Unix(100, 0), EndTime: time.Unix(50, 0),
			ScalableTargetAction: ScalableTargetAction{MinCapacity: Capacity(-1)}},
			[]string{"min_capacity: -1 is negative", "end_time: "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tg.AddScheduledAction(tc.c)
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v\nlacks %q", err, w)
				}
			}
		})
	}
}
