package reports

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromiumPath is Debian's chromium; .ci/run installs it with
// `apt-get install -y --no-install-recommends chromium`.
const chromiumPath = "/usr/bin/chromium"

// browse opens file in headless chromium, takes a screenshot and returns
// it with the browser's console messages (its stderr lines tagged
// ":CONSOLE"). The page's CSP turns any attempt to load a script, style,
// font or image from elsewhere into such a message. It skips the test
// when chromium is missing.
func browse(t *testing.T, file string) (image.Image, []string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("headless-browser test skipped: %s not found (Debian: apt-get install -y --no-install-recommends chromium)", chromiumPath)
	}
	dir := t.TempDir()
	shot := filepath.Join(dir, "screenshot.png")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromiumPath,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--enable-logging=stderr", "--v=0",
		"--screenshot="+shot, "--window-size=1280,2000", "file://"+file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	var console []string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			console = append(console, line)
		}
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, stderr.String())
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return img, console
}

// inkShare returns the share of pixels that are not near white.
func inkShare(img image.Image) float64 {
	b := img.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(b.Dx()*b.Dy())
}

// checkInChromium opens a report's index.html in a real headless browser
// (TestWriteReport/chromium): no console message at all (the page has no
// scripts, so any is an error or a blocked load) and a screenshot that is
// not blank.
func checkInChromium(t *testing.T, index string) {
	img, console := browse(t, index)
	if len(console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot is %v, want 1280×2000", b)
	}
	// Text, table rules and the first plots cover several per cent of a
	// 1280×2000 window; a blank or failed page covers none.
	if s := inkShare(img); s < 0.03 {
		t.Errorf("screenshot looks blank: %.2f%% non-white pixels", 100*s)
	} else {
		t.Logf("screenshot: %.1f%% non-white pixels", 100*s)
	}
}

// TestBrowseDetectsBlockedLoads is the control for checkInChromium: a
// page under the same CSP that tries to load an image and a stylesheet
// must produce console messages, and a blank page a blank screenshot.
func TestBrowseDetectsBlockedLoads(t *testing.T) {
	page := filepath.Join(t.TempDir(), "bad.html")
	html := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
		`<link rel="stylesheet" href="https://example.invalid/x.css"></head><body><img src="https://example.invalid/x.png"></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	img, console := browse(t, page)
	if len(console) < 2 {
		t.Errorf("%d console messages for two blocked loads: %q", len(console), console)
	}
	if s := inkShare(img); s > 0.001 {
		t.Errorf("blank page has %.3f%% non-white pixels", 100*s)
	}
}
