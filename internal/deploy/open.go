package deploy

import (
	"context"
	"fmt"

	"gocloud.dev/blob"
	// The stores a target URL may name: s3:// (and S3-compatible hosts
	// through endpoint=), gs://, azblob:// and file://.
	_ "gocloud.dev/blob/azureblob"
	_ "gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/gcsblob"
	_ "gocloud.dev/blob/s3blob"
)

// Open opens the bucket of a target URL. Credentials come from the store's
// usual environment (AWS_ACCESS_KEY_ID, GOOGLE_APPLICATION_CREDENTIALS,
// AZURE_STORAGE_ACCOUNT and the like), never from the URL.
func Open(ctx context.Context, target string) (*blob.Bucket, error) {
	b, err := blob.OpenBucket(ctx, target)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", target, err)
	}
	return b, nil
}
