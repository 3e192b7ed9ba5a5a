"""The dataset stage: typed, documented Parquet tables written atomically."""
