package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

func put(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// get decodes key's value into v; found is false when the key is absent.
func get(b *bolt.Bucket, key []byte, v any) (found bool, err error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("record %x in %s is damaged: %w", key, bucketName(b), err)
	}
	return true, nil
}

// nextID allocates the next ID of a bucket.
func nextID(b *bolt.Bucket) (int, error) {
	n, err := b.NextSequence()
	return int(n), err
}

// bucketName names a top-level bucket for an error message: by its root
// page, which is unique unless the bucket is small enough to live inline.
func bucketName(b *bolt.Bucket) string {
	name := "a bucket"
	if b.Root() == 0 {
		return name
	}
	_ = b.Tx().ForEach(func(n []byte, bb *bolt.Bucket) error {
		if bb.Root() == b.Root() {
			name = "bucket " + printableName(n)
			return errStop
		}
		return nil
	})
	return name
}
