"""Images (I): missing files, letter-case mismatches, figures without a caption."""
