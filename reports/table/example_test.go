package table_test

import (
	"os"

	"github.com/ecsim/ecsim/reports/table"
)

func Example() {
	t := table.New("Cost per variant",
		table.Column{Key: "variant", Title: "variant"},
		table.Column{Key: "cost_usd", Title: "cost", Unit: "USD", Align: table.Right},
		table.Column{Key: "cost_usd_per_hour", Title: "cost", Unit: "USD/h", Align: table.Right},
	)
	t.Add(table.Str("ec2"), table.Float(9.216, 2), table.Float(0.384, 4))
	t.Add(table.Str("fargate"), table.Float(12.3456, 2), table.Float(0.5144, 4))
	_ = t.WriteText(os.Stdout)
	_ = t.WriteCSV(os.Stdout)
	// Output:
	// Cost per variant
	// variant   cost    cost
	//            USD   USD/h
	// -------  -----  ------
	// ec2       9.22  0.3840
	// fargate  12.35  0.5144
	// variant,cost_usd,cost_usd_per_hour
	// ec2,9.216,0.384
	// fargate,12.3456,0.5144
}
