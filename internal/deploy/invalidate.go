package deploy

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	gcaws "gocloud.dev/aws"
)

// MaxInvalidationPaths is the most paths one invalidation names; past it,
// the whole distribution ("/*") is invalidated, which CloudFront counts as
// one path and which stays under its limit on paths in progress.
const MaxInvalidationPaths = 1000

// InvalidationPaths are the CloudFront paths of changed keys: each key, and
// a page's folder too, since readers ask for "/2025/01/06/" rather than
// "/2025/01/06/index.html".
func InvalidationPaths(keys []string) []string {
	seen := map[string]bool{}
	for _, k := range keys {
		p := "/" + escapePath(k)
		seen[p] = true
		if path.Base(k) == "index.html" {
			seen[strings.TrimSuffix(p, "index.html")] = true
		}
	}
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	if len(paths) > MaxInvalidationPaths {
		return []string{"/*"}
	}
	return paths
}

func escapePath(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// Invalidate asks a CloudFront distribution to drop the changed keys from
// its caches. Credentials come from the AWS environment, as for s3://
// targets. opts adjust the client (tests point it at a local endpoint).
func Invalidate(ctx context.Context, distribution string, keys []string, opts ...func(*cloudfront.Options)) (int, error) {
	paths := InvalidationPaths(keys)
	if len(paths) == 0 {
		return 0, nil
	}
	cfg, err := gcaws.NewDefaultV2Config(ctx)
	if err != nil {
		return 0, fmt.Errorf("invalidate CloudFront distribution %s: %w", distribution, err)
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // CloudFront is global; the SDK wants some region
	}
	client := cloudfront.NewFromConfig(cfg, opts...)
	_, err = client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(distribution),
		InvalidationBatch: &cftypes.InvalidationBatch{
			CallerReference: aws.String("newsdigest-" + strconv.FormatInt(time.Now().UnixNano(), 10)),
			Paths:           &cftypes.Paths{Items: paths, Quantity: aws.Int32(int32(len(paths)))},
		},
	})
	if err != nil {
		return 0, fmt.Errorf("invalidate CloudFront distribution %s: %w", distribution, err)
	}
	return len(paths), nil
}
