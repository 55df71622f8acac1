package catalog

import (
	_ "embed"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"
	"sync"
)

//go:embed data/catalog.toml
var embedded []byte

// EmbeddedData returns a copy of the embedded catalogue file, for users who
// want a starting point for their own file.
func EmbeddedData() []byte { return slices.Clone(embedded) }

// Catalog is an immutable catalogue of instance types, prices and Fargate
// rules. Every method returns copies, so one *Catalog may be shared by
// goroutines; the With* and Overlay methods return new catalogues.
type Catalog struct {
	file  *catalogFile // merged layers, kept for further overlays; never modified
	files []string     // names of the merged files, base first

	types      []InstanceType // sorted by family, vCPUs, memory, name
	byName     map[string]int
	families   []string
	regions    []string
	prices     map[priceKey]Price
	spotDef    Fraction
	spotFamily map[string]Fraction

	fargate           map[fargateKey]fargateRow
	fargateSpotFactor Fraction
	storage           map[string]FargateStorage
	sizes             []FargateSize
	ebs               map[priceKey]EBSPrice
	memoryOverhead    Fraction
}

// embeddedName names the embedded file in errors and in Files.
const embeddedName = "embedded:catalog.toml"

// defaultCatalog parses the embedded data once; the result is immutable.
var defaultCatalog = sync.OnceValues(func() (*Catalog, error) {
	return Parse(embeddedName, embedded)
})

// Default returns the catalogue parsed from the embedded data file. The data
// is parsed once; the returned catalogue is immutable and safe to share.
func Default() *Catalog {
	c, err := defaultCatalog()
	if err != nil {
		panic("catalog: embedded data is invalid: " + err.Error())
	}
	return c
}

// Parse builds a catalogue from one complete catalogue file (the format of
// the embedded data). name is used in error messages. Errors are *FileError.
func Parse(name string, data []byte) (*Catalog, error) {
	f, err := decodeLayer(name, data)
	if err != nil {
		return nil, err
	}
	return build([]string{name}, f)
}

// Overlay returns a new catalogue: c with the entries of a user catalogue
// file (same format, every section optional) added or replacing c's. Rows
// replace whole rows with the same key: ec2.instances by name, ec2.prices by
// (instance, region), fargate.rates by (region, os, arch), fargate.storage
// by region, fargate.sizes by cpu, ebs.prices by (region, volume_type);
// single settings and map entries replace when given; the base's [meta]
// is kept and the overlay's name is added to Files. Errors are *FileError.
func (c *Catalog) Overlay(name string, data []byte) (*Catalog, error) {
	f, err := decodeLayer(name, data)
	if err != nil {
		return nil, err
	}
	return build(append(slices.Clone(c.files), name), merge(c.file, f))
}

// OverlayFile reads path and overlays it (see Overlay).
func (c *Catalog) OverlayFile(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{File: path, Err: err}
	}
	return c.Overlay(path, data)
}

// WithSpotFactor returns a new catalogue whose EC2 Spot factor for family is
// f (Spot = f × On-Demand). An empty family sets the default factor.
func (c *Catalog) WithSpotFactor(family string, f Fraction) (*Catalog, error) {
	v := float64(f)
	o := &catalogFile{}
	if family == "" {
		o.EC2.SpotFactor = &v
	} else {
		o.EC2.SpotFamilyFactors = map[string]float64{family: v}
	}
	return build(append(slices.Clone(c.files), "WithSpotFactor"), merge(c.file, o))
}

// WithFargateSpotFactor returns a new catalogue whose Fargate Spot factor is f.
func (c *Catalog) WithFargateSpotFactor(f Fraction) (*Catalog, error) {
	v := float64(f)
	o := &catalogFile{Fargate: fileFargate{SpotFactor: &v}}
	return build(append(slices.Clone(c.files), "WithFargateSpotFactor"), merge(c.file, o))
}

// WithMemoryOverhead returns a new catalogue whose default memory-overhead
// fraction is f (types with their own override keep it).
func (c *Catalog) WithMemoryOverhead(f Fraction) (*Catalog, error) {
	v := float64(f)
	o := &catalogFile{Registration: fileRegistration{MemoryOverhead: &v}}
	return build(append(slices.Clone(c.files), "WithMemoryOverhead"), merge(c.file, o))
}

// Files names the files merged into c, base first.
func (c *Catalog) Files() []string { return slices.Clone(c.files) }

// Name returns the catalogue's meta.name.
func (c *Catalog) Name() string { return c.file.Meta.Name }

// Date returns the catalogue's meta.date (YYYY-MM-DD).
func (c *Catalog) Date() string { return c.file.Meta.Date }

// Sources returns the source tags and their descriptions (a copy).
func (c *Catalog) Sources() map[string]string { return maps.Clone(c.file.Sources) }

// MemoryOverhead returns the default memory-overhead fraction used by
// InstanceType.Register (reference §1.1 modelling choice).
func (c *Catalog) MemoryOverhead() Fraction { return c.memoryOverhead }

// Lookup returns the named instance type. An unknown name gives an
// *UnknownInstanceTypeError suggesting the three nearest names.
func (c *Catalog) Lookup(name string) (InstanceType, error) {
	if i, ok := c.byName[name]; ok {
		return c.types[i], nil
	}
	return InstanceType{}, &UnknownInstanceTypeError{Name: name, Suggestions: nearest(name, c.names(), 3)}
}

func (c *Catalog) names() []string {
	out := make([]string, len(c.types))
	for i, t := range c.types {
		out[i] = t.Name
	}
	return out
}

// InstanceTypes returns every instance type, sorted by family, then vCPUs,
// memory and name. The slice is a copy.
func (c *Catalog) InstanceTypes() InstanceTypes { return slices.Clone(c.types) }

// Families returns the instance families, sorted.
func (c *Catalog) Families() []string { return slices.Clone(c.families) }

// Family returns the types of one family, or an *UnknownFamilyError.
func (c *Catalog) Family(family string) (InstanceTypes, error) {
	if _, ok := slices.BinarySearch(c.families, family); !ok {
		return nil, &UnknownFamilyError{Family: family, Known: c.Families()}
	}
	return c.InstanceTypes().Families(family), nil
}

// Regions returns every region with at least one EC2, Fargate or EBS price,
// sorted.
func (c *Catalog) Regions() []string { return slices.Clone(c.regions) }

// CheckRegion returns an *UnknownRegionError listing the known regions when
// region has no price in the catalogue.
func (c *Catalog) CheckRegion(region string) error {
	if _, ok := slices.BinarySearch(c.regions, region); ok {
		return nil
	}
	return &UnknownRegionError{Region: region, Known: c.Regions()}
}

// String summarises the catalogue for logs.
func (c *Catalog) String() string {
	return fmt.Sprintf("catalog %q (%s): %d instance types, regions %v", c.Name(), c.Date(), len(c.types), c.regions)
}

// sortedKeys returns a set's keys in order, so map order never leaks.
func sortedKeys[V any](m map[string]V) []string {
	keys := slices.Collect(maps.Keys(m))
	sort.Strings(keys)
	return keys
}
