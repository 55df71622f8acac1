package schedule_test

import (
	"fmt"
	"time"

	"github.com/ecsim/ecsim/autoscale/schedule"
)

func Example() {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		fmt.Println(err)
		return
	}
	// Every weekday at 08:00 Berlin time, across the March DST change.
	s, err := schedule.Parse("cron(0 8 ? * MON-FRI *)", loc)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := time.Date(2024, 3, 28, 12, 0, 0, 0, time.UTC)
	for range 3 {
		t = s.Next(t)
		fmt.Println(t.Format("Mon 2006-01-02 15:04 MST"), t.UTC().Format("15:04Z"))
	}
	_, err = schedule.Parse("cron(0 8 * * MON *)", loc)
	fmt.Println(err)
	// Output:
	// Fri 2024-03-29 08:00 CET 07:00Z
	// Mon 2024-04-01 08:00 CEST 06:00Z
	// Tue 2024-04-02 08:00 CEST 06:00Z
	// schedule "cron(0 8 * * MON *)": day-of-month: exactly one of day-of-month and day-of-week must be ?
}
