package autoscale

import (
	"fmt"
	"strconv"
)

// ComparisonOperator is a CloudWatch alarm's comparison of the datapoint
// with the threshold. The zero value is invalid.
type ComparisonOperator uint8

// The CloudWatch comparison operators (anomaly-detection bands are not modelled).
const (
	GreaterThanOrEqualToThreshold ComparisonOperator = iota + 1
	GreaterThanThreshold
	LessThanThreshold
	LessThanOrEqualToThreshold
)

var operatorNames = [...]string{
	GreaterThanOrEqualToThreshold: "GreaterThanOrEqualToThreshold",
	GreaterThanThreshold:          "GreaterThanThreshold",
	LessThanThreshold:             "LessThanThreshold",
	LessThanOrEqualToThreshold:    "LessThanOrEqualToThreshold",
}

// String returns the CloudWatch name.
func (c ComparisonOperator) String() string {
	if c >= GreaterThanOrEqualToThreshold && c <= LessThanOrEqualToThreshold {
		return operatorNames[c]
	}
	return "ComparisonOperator(" + strconv.Itoa(int(c)) + ")"
}

// ParseComparisonOperator maps a CloudWatch name to a ComparisonOperator.
func ParseComparisonOperator(name string) (ComparisonOperator, error) {
	for c := GreaterThanOrEqualToThreshold; c <= LessThanOrEqualToThreshold; c++ {
		if operatorNames[c] == name {
			return c, nil
		}
	}
	return 0, fmt.Errorf("unknown comparison operator %q", name)
}

// breaches reports whether v is on the alarming side of threshold. The
// operators of target tracking's alarm pair are inlined; the rest is a call.
func (c ComparisonOperator) breaches(v, threshold float64) bool {
	switch c {
	case GreaterThanThreshold:
		return v > threshold
	case LessThanThreshold:
		return v < threshold
	}
	return c.breachesOther(v, threshold)
}

func (c ComparisonOperator) breachesOther(v, threshold float64) bool {
	switch c {
	case GreaterThanOrEqualToThreshold:
		return v >= threshold
	case GreaterThanThreshold:
		return v > threshold
	case LessThanThreshold:
		return v < threshold
	case LessThanOrEqualToThreshold:
		return v <= threshold
	}
	panic("autoscale: invalid ComparisonOperator " + c.String())
}

// TreatMissingData says how an alarm fills missing datapoints. The zero
// value is CloudWatch's default, missing.
type TreatMissingData uint8

// The CloudWatch TreatMissingData settings.
const (
	MissingDataMissing TreatMissingData = iota
	MissingDataIgnore
	MissingDataBreaching
	MissingDataNotBreaching
)

var missingNames = [...]string{"missing", "ignore", "breaching", "notBreaching"}

// String returns the CloudWatch spelling ("missing", "notBreaching", …).
func (t TreatMissingData) String() string {
	if int(t) < len(missingNames) {
		return missingNames[t]
	}
	return "TreatMissingData(" + strconv.Itoa(int(t)) + ")"
}

// ParseTreatMissingData maps the CloudWatch spelling to a TreatMissingData;
// the empty string is the default, missing.
func ParseTreatMissingData(name string) (TreatMissingData, error) {
	if name == "" {
		return MissingDataMissing, nil
	}
	for i, n := range missingNames {
		if n == name {
			return TreatMissingData(i), nil
		}
	}
	return 0, fmt.Errorf("unknown TreatMissingData %q (want missing, ignore, breaching or notBreaching)", name)
}

// AlarmState is a CloudWatch alarm state. The zero value is the state of a
// new alarm, INSUFFICIENT_DATA.
type AlarmState uint8

// The alarm states.
const (
	InsufficientData AlarmState = iota
	OK
	Alarm
)

// String returns the CloudWatch spelling.
func (s AlarmState) String() string {
	switch s {
	case InsufficientData:
		return "INSUFFICIENT_DATA"
	case OK:
		return "OK"
	case Alarm:
		return "ALARM"
	}
	return "AlarmState(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText returns the CloudWatch name.
func (c ComparisonOperator) MarshalText() ([]byte, error) {
	if c < GreaterThanOrEqualToThreshold || c > LessThanOrEqualToThreshold {
		return nil, fmt.Errorf("invalid comparison operator %d", uint8(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText accepts the CloudWatch name.
func (c *ComparisonOperator) UnmarshalText(b []byte) error {
	v, err := ParseComparisonOperator(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalText returns the CloudWatch spelling.
func (t TreatMissingData) MarshalText() ([]byte, error) {
	if int(t) >= len(missingNames) {
		return nil, fmt.Errorf("invalid TreatMissingData %d", uint8(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText accepts the CloudWatch spelling.
func (t *TreatMissingData) UnmarshalText(b []byte) error {
	v, err := ParseTreatMissingData(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
