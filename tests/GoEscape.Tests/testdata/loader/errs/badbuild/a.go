//go:build linux &&

package badbuild
