-- A file's bytes in pieces of at most 1 MiB, in order: writing or reading a large file then
-- holds one piece at a time in the database driver, not several copies of the whole file.
CREATE TABLE attachment_chunks (
    sha256 TEXT    NOT NULL REFERENCES attachment_blobs (sha256),
    seq    INTEGER NOT NULL CHECK (seq >= 0),
    bytes  BLOB    NOT NULL,
    PRIMARY KEY (sha256, seq)
);

-- Files stored before keep their bytes as one piece.
INSERT INTO attachment_chunks (sha256, seq, bytes)
    SELECT sha256, 0, bytes FROM attachment_blobs WHERE size > 0;
ALTER TABLE attachment_blobs DROP COLUMN bytes;
