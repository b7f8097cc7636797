package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFileAtomic writes data to path through a temporary file in the same directory, so
// that neither a crash nor a reader ever sees half a file. Unless overwrite is set, an
// existing path is an error; the check and the write are one step (a hard link fails if
// the name exists), so a file created meanwhile is not clobbered either.
func writeFileAtomic(path string, data []byte, overwrite bool) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("write %s: it is a directory; name a file", path)
	}
	if err := writeAtomic(path, data, overwrite); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func writeAtomic(path string, data []byte, overwrite bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err // the temporary name would only confuse
		}
		return err
	}
	// After a rename the temporary name is gone and after a link it is a second name:
	// removing it is right in every case.
	defer os.Remove(tmp.Name())

	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	// CreateTemp makes the file 0600; a spec or an export is no secret.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}

	if overwrite {
		return os.Rename(tmp.Name(), path)
	}
	err = os.Link(tmp.Name(), path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return errors.New("the file already exists; pass --force to overwrite it")
	}

	// Some file systems have no hard links: check, then rename. A file created between
	// the two steps would be replaced; that race needs a second writer and is accepted.
	if _, statErr := os.Lstat(path); statErr == nil {
		return errors.New("the file already exists; pass --force to overwrite it")
	}
	return os.Rename(tmp.Name(), path)
}
