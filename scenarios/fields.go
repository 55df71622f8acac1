package scenarios

import (
	"reflect"
	"strings"
)

// fieldInfo is one key of a format struct, read from its tags.
type fieldInfo struct {
	key        string
	index      []int
	typ        reflect.Type
	doc        string
	def        string // machine default, applied by the decoder
	hasDef     bool
	defDoc     string // documented default applied in code
	required   bool
	enum       []string
	min, max   string
	unit       string
	rawPayload bool // map[string]any / []any: free-form, not checked key by key
	tomlTag    string
}

// toml returns the field's raw toml tag.
func (f fieldInfo) toml() string { return f.tomlTag }

// structFields lists the keys of a format struct type, flattening fields
// tagged toml:",inline". It panics on a malformed tag: tags are code.
func structFields(t reflect.Type) []fieldInfo {
	var out []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("toml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !sf.IsExported() {
			continue
		}
		if sf.Anonymous && strings.Contains(opts, "inline") {
			for _, f := range structFields(sf.Type) {
				f.index = append([]int{i}, f.index...)
				out = append(out, f)
			}
			continue
		}
		if name == "" {
			panic("scenarios: field " + t.Name() + "." + sf.Name + " has no toml key")
		}
		f := fieldInfo{key: name, index: []int{i}, typ: sf.Type, doc: sf.Tag.Get("doc"), defDoc: sf.Tag.Get("defaultdoc"), tomlTag: tag,
			required: sf.Tag.Get("required") == "true", min: sf.Tag.Get("min"), max: sf.Tag.Get("max"), unit: sf.Tag.Get("unit")}
		f.def, f.hasDef = sf.Tag.Lookup("default")
		if e := sf.Tag.Get("enum"); e != "" {
			f.enum = strings.Split(e, ",")
		}
		f.rawPayload = sf.Type == reflect.TypeFor[map[string]any]() || sf.Type == reflect.TypeFor[[]any]()
		out = append(out, f)
	}
	return out
}

func fieldKeys(fs []fieldInfo) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}
