package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// File is one file of a report: its name inside the folder and its bytes.
type File struct {
	Name string
	Data []byte
}

// WriteFiles writes files into dir (created if missing, with parents), each
// atomically: its bytes go to a hidden temporary file in dir, which is
// synced and then renamed over the final name, so a reader never sees a
// partial file. All temporary files are written before the first rename:
// if any write fails or ctx is cancelled (Ctrl-C), the temporary files are
// removed and no final file is touched. Renames within one directory do not
// fail in practice; if one does, the files renamed so far stay. Files of
// dir that are not in files are left alone. Names must be plain file names.
func WriteFiles(ctx context.Context, dir string, files []File) (err error) {
	if err := checkNames(files); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("reports: create report folder: %w", err)
	}
	temps := make([]string, 0, len(files))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t) // best effort: the original error matters
			}
		}
	}()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("reports: writing %s: %w", dir, err)
		}
		t, err := writeTemp(dir, f)
		if t != "" {
			temps = append(temps, t)
		}
		if err != nil {
			return err
		}
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Name)); err != nil {
			temps = temps[i:]
			return fmt.Errorf("reports: %w", err)
		}
	}
	temps = nil
	return syncDir(dir)
}

// WriteFileAtomic writes data to path atomically (see WriteFiles).
func WriteFileAtomic(path string, data []byte) error {
	return WriteFiles(context.Background(), filepath.Dir(path), []File{{Name: filepath.Base(path), Data: data}})
}

func checkNames(files []File) error {
	seen := make(map[string]bool, len(files))
	for i, f := range files {
		switch {
		case f.Name == "" || f.Name == "." || f.Name == ".." || strings.ContainsAny(f.Name, `/\`) || strings.HasPrefix(f.Name, "."):
			return fmt.Errorf("reports: files[%d].Name %q is not a plain file name", i, f.Name)
		case seen[f.Name]:
			return fmt.Errorf("reports: files[%d].Name %q appears twice", i, f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

// writeTemp writes f to a new hidden temporary file in dir and returns its
// path (also on error, once it exists, for clean-up).
func writeTemp(dir string, f File) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+f.Name+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("reports: %w", err)
	}
	_, werr := tmp.Write(f.Data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return tmp.Name(), fmt.Errorf("reports: writing %s: %w", f.Name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes 0600
		return tmp.Name(), fmt.Errorf("reports: %w", err)
	}
	return tmp.Name(), nil
}

// syncDir makes the renames durable. Some systems cannot sync a directory;
// that is not an error of the report.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
