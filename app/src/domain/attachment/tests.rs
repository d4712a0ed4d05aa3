use super::*;

/// A JPEG as a phone writes it: EXIF with the orientation and a GPS position (52.52° N), an XMP
/// block, then the image data.
pub fn phone_photo() -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: two entries, then the next-IFD pointer.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    entry(&mut tiff, 0x0112, 3, 1, 6); // orientation: rotate 90°
    let gps_at = 8 + 2 + 2 * 12 + 4;
    entry(&mut tiff, 0x8825, 4, 1, gps_at as u32);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // The GPS directory: latitude reference and latitude (three rationals, stored after it).
    tiff.extend_from_slice(&2u16.to_le_bytes());
    let values_at = gps_at + 2 + 2 * 12 + 4;
    entry(&mut tiff, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut tiff, 0x0002, 5, 3, values_at as u32);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(52u32, 1u32), (31, 1), (1234, 100)] {
        tiff.extend_from_slice(&n.to_le_bytes());
        tiff.extend_from_slice(&d.to_le_bytes());
    }
    let mut jpeg = vec![0xff, 0xd8];
    let segment = |j: &mut Vec<u8>, marker: u8, payload: &[u8]| {
        j.extend_from_slice(&[0xff, marker]);
        j.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        j.extend_from_slice(payload);
    };
    segment(&mut jpeg, 0xe0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    segment(&mut jpeg, 0xe1, &[b"Exif\0\0".as_slice(), &tiff].concat());
    segment(
        &mut jpeg,
        0xe1,
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta exif:GPSLatitude=\"52,31.2N\"/>",
    );
    jpeg.extend_from_slice(&[0xff, 0xda, 0, 2]);
    jpeg.extend_from_slice(b"scan data \xff\x00 more");
    jpeg.extend_from_slice(&[0xff, 0xd9]);
    jpeg
}

#[test]
fn the_type_comes_from_the_bytes() {
    assert_eq!(Sniffed::of(&phone_photo()), Sniffed::Jpeg);
    assert_eq!(Sniffed::of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Sniffed::Png);
    assert_eq!(Sniffed::of(b"GIF89a..."), Sniffed::Gif);
    assert_eq!(Sniffed::of(b"RIFF\x10\0\0\0WEBPVP8 "), Sniffed::Webp);
    assert_eq!(Sniffed::of(b"%PDF-1.7\n"), Sniffed::Pdf);
    assert_eq!(Sniffed::of(b"2026-12-01 12:00 disk full\n"), Sniffed::Text);
    // Markup is never text and never inline, whatever its name says.
    for hostile in [
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".as_slice(),
        b"\n  <html><script>alert(1)</script>",
        b"\xef\xbb\xbf<?xml version='1.0'?><svg/>",
        b"\0\x01binary",
    ] {
        let kind = Sniffed::of(hostile);
        assert_eq!(kind, Sniffed::Other, "{hostile:?}");
        assert!(!kind.inline());
        assert_eq!(kind.media_type(), "application/octet-stream");
    }
    for kind in [Sniffed::Png, Sniffed::Jpeg, Sniffed::Text, Sniffed::Other] {
        assert_eq!(Sniffed::from_media_type(kind.media_type()), kind);
    }
}

#[test]
fn names_are_cleaned_for_pages_and_headers() {
    assert_eq!(clean_name("../../etc/passwd"), "passwd");
    assert_eq!(
        clean_name("C:\\Users\\rita\\Screen shot.png"),
        "Screen shot.png"
    );
    assert_eq!(clean_name(".htaccess"), "htaccess");
    assert_eq!(
        clean_name("a\"b\r\nSet-Cookie: x.txt"),
        "abSet-Cookie x.txt"
    );
    assert_eq!(clean_name(""), "file");
    assert_eq!(clean_name(&"x".repeat(500)).chars().count(), 120);
    // A long name keeps its extension, and stays within the limit.
    let long = clean_name(&format!("Quarterly-report-{}.xlsx", "x".repeat(130)));
    assert!(long.ends_with("x.xlsx"), "{long}");
    assert_eq!(long.chars().count(), 120);
    // Invisible characters that reorder what is shown never reach a page or a header: every
    // bidirectional control, zero-width character and the byte order mark.
    for c in [
        '\u{061C}', '\u{200B}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}',
        '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}',
    ] {
        assert_eq!(
            clean_name(&format!("invoice{c}fdp.exe")),
            "invoicefdp.exe",
            "{c:?}"
        );
    }
    assert_eq!(
        content_disposition(false, "Störung Büro 3.png"),
        "attachment; filename=\"St_rung B_ro 3.png\"; filename*=UTF-8''St%C3%B6rung%20B%C3%BCro%203.png"
    );
    assert!(content_disposition(true, "a.png").starts_with("inline; "));
    let header = content_disposition(false, "x\r\nLocation: evil\";.txt");
    assert!(!header.contains('\r') && !header.contains('\n'), "{header}");
}

#[test]
fn a_photo_loses_its_position_and_keeps_its_orientation() {
    let photo = phone_photo();
    let clean = without_location(Sniffed::Jpeg, photo.clone());
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    // The latitude's values (52/1, 31/1, 1234/100) and the XMP block are gone ...
    assert!(contains(&photo, &1234u32.to_le_bytes()));
    assert!(!contains(&clean, &1234u32.to_le_bytes()));
    assert!(!contains(
        &clean,
        &52u32
            .to_le_bytes()
            .iter()
            .chain(&1u32.to_le_bytes())
            .copied()
            .collect::<Vec<_>>()
    ));
    assert!(!contains(&clean, b"xmpmeta"));
    // ... the orientation and the image data are not.
    assert!(contains(&clean, &[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0]));
    assert!(clean.ends_with(b"scan data \xff\x00 more\xff\xd9"));
    assert_eq!(Sniffed::of(&clean), Sniffed::Jpeg);

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |p: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        p.extend_from_slice(&(data.len() as u32).to_be_bytes());
        p.extend_from_slice(kind);
        p.extend_from_slice(data);
        p.extend_from_slice(&[1, 2, 3, 4]);
    };
    chunk(&mut png, b"IHDR", &[0; 13]);
    chunk(&mut png, b"eXIf", b"MM\0*GPS");
    chunk(&mut png, b"iTXt", b"XML:com.adobe.xmp\0GPS");
    chunk(&mut png, b"IDAT", b"pixels");
    chunk(&mut png, b"IEND", b"");
    let clean = without_location(Sniffed::Png, png);
    assert!(!contains(&clean, b"GPS") && contains(&clean, b"pixels"));

    let mut webp = b"RIFF\0\0\0\0WEBP".to_vec();
    let riff = |w: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        w.extend_from_slice(kind);
        w.extend_from_slice(&(data.len() as u32).to_le_bytes());
        w.extend_from_slice(data);
        if data.len() % 2 == 1 {
            w.push(0);
        }
    };
    riff(
        &mut webp,
        b"VP8X",
        &[0b0000_1100, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    riff(&mut webp, b"VP8 ", b"frame");
    riff(&mut webp, b"EXIF", b"II*\0GPS");
    let clean = without_location(Sniffed::Webp, webp);
    assert!(!contains(&clean, b"GPS") && contains(&clean, b"frame"));
    assert_eq!(
        clean[20] & 0b0000_1100,
        0,
        "the flags no longer promise EXIF or XMP"
    );
    assert_eq!(
        u32::from_le_bytes(clean[4..8].try_into().unwrap()) as usize,
        clean.len() - 8
    );
    // What cannot be read comes back as it was.
    assert_eq!(
        without_location(Sniffed::Jpeg, b"\xff\xd8\xffgarbage".to_vec()),
        b"\xff\xd8\xffgarbage"
    );
}
