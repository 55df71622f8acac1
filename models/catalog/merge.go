package catalog

import (
	"errors"
	"fmt"
	"maps"
)

// Row keys: the identity of a row when an overlay replaces it.
func instanceKey(r fileInstance) string      { return r.Name }
func priceRowKey(r filePrice) string         { return r.Instance + " in " + r.Region }
func fargateRowKey(r fileFargateRate) string { return r.OS + "/" + r.Arch + " in " + r.Region }
func storageKey(r fileFargateStorage) string { return r.Region }
func sizeKey(r fileFargateSize) string       { return fmt.Sprint(r.CPU) }
func ebsKey(r fileEBSPrice) string           { return r.VolumeType + " in " + r.Region }

// decodeLayer decodes one file and rejects rows that repeat a key within it
// (across files a repeated key is an override, within one it is a mistake).
func decodeLayer(name string, data []byte) (*catalogFile, error) {
	f, err := decodeFile(name, data)
	if err != nil {
		return nil, err
	}
	var dups []error
	dups = append(dups, duplicates("ec2.instances", f.EC2.Instances, instanceKey)...)
	dups = append(dups, duplicates("ec2.prices", f.EC2.Prices, priceRowKey)...)
	dups = append(dups, duplicates("fargate.rates", f.Fargate.Rates, fargateRowKey)...)
	dups = append(dups, duplicates("fargate.storage", f.Fargate.Storage, storageKey)...)
	dups = append(dups, duplicates("fargate.sizes", f.Fargate.Sizes, sizeKey)...)
	dups = append(dups, duplicates("ebs.prices", f.EBS.Prices, ebsKey)...)
	if len(dups) > 0 {
		return nil, &FileError{File: name, Err: errors.Join(dups...)}
	}
	if err := validateLayer(f); err != nil {
		return nil, &FileError{File: name, Err: err}
	}
	return f, nil
}

func duplicates[T any](section string, rows []T, key func(T) string) []error {
	first := make(map[string]int, len(rows))
	var errs []error
	for i, r := range rows {
		k := key(r)
		if j, ok := first[k]; ok {
			errs = append(errs, fmt.Errorf("%s[%d]: duplicate of %s[%d] (%s)", section, i, section, j, k))
			continue
		}
		first[k] = i
	}
	return errs
}

// merge returns base with over's entries added or replacing. Neither input
// is modified; rows are shared, which is safe because decoded rows are never
// modified.
func merge(base, over *catalogFile) *catalogFile {
	out := *base
	out.Sources = mergeMap(base.Sources, over.Sources)
	if over.Registration.MemoryOverhead != nil {
		out.Registration = over.Registration
	}
	if over.EC2.SpotFactor != nil {
		out.EC2.SpotFactor, out.EC2.SpotSource = over.EC2.SpotFactor, over.EC2.SpotSource
	}
	out.EC2.SpotFamilyFactors = mergeMap(base.EC2.SpotFamilyFactors, over.EC2.SpotFamilyFactors)
	out.EC2.Instances = mergeRows(base.EC2.Instances, over.EC2.Instances, instanceKey)
	out.EC2.Prices = mergeRows(base.EC2.Prices, over.EC2.Prices, priceRowKey)
	if over.Fargate.SpotFactor != nil {
		out.Fargate.SpotFactor, out.Fargate.SpotSource = over.Fargate.SpotFactor, over.Fargate.SpotSource
	}
	out.Fargate.Rates = mergeRows(base.Fargate.Rates, over.Fargate.Rates, fargateRowKey)
	out.Fargate.Storage = mergeRows(base.Fargate.Storage, over.Fargate.Storage, storageKey)
	out.Fargate.Sizes = mergeRows(base.Fargate.Sizes, over.Fargate.Sizes, sizeKey)
	out.EBS.Prices = mergeRows(base.EBS.Prices, over.EBS.Prices, ebsKey)
	return &out
}

func mergeMap[V any](base, over map[string]V) map[string]V {
	out := make(map[string]V, len(base)+len(over))
	maps.Copy(out, base)
	maps.Copy(out, over)
	return out
}

// mergeRows keeps base's order, replaces rows whose key over repeats, and
// appends over's new rows in over's order.
func mergeRows[T any](base, over []T, key func(T) string) []T {
	out := make([]T, 0, len(base)+len(over))
	at := make(map[string]int, len(base)+len(over))
	for _, r := range base {
		at[key(r)] = len(out)
		out = append(out, r)
	}
	for _, r := range over {
		if i, ok := at[key(r)]; ok {
			out[i] = r
			continue
		}
		at[key(r)] = len(out)
		out = append(out, r)
	}
	return out
}
