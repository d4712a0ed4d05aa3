use super::*;

fn signals(sender: &str) -> Signals<'_> {
    Signals {
        sender,
        ..Signals::default()
    }
}

#[test]
fn machines_are_recognised_and_people_are_not() {
    assert_eq!(automatic(&signals("rita@example.org")), None);
    let mut s = signals("rita@example.org");
    s.auto_submitted = Some("auto-replied");
    assert_eq!(automatic(&s), Some(Why::AutoReply));
    s.auto_submitted = Some(" No ");
    assert_eq!(automatic(&s), None);
    s.precedence = Some("Bulk");
    assert_eq!(automatic(&s), Some(Why::Bulk));
    s.precedence = Some("first-class");
    assert_eq!(automatic(&s), None);
    s.list_id = true;
    assert_eq!(automatic(&s), Some(Why::Bulk));
    assert_eq!(
        automatic(&signals("MAILER-DAEMON@mx.example.org")),
        Some(Why::Bounce)
    );
    let mut report = signals("postmaster@example.net");
    report.delivery_report = true;
    assert_eq!(automatic(&report), Some(Why::Bounce));
    let mut ooo = signals("paul@example.org");
    ooo.autoreply_header = true;
    assert_eq!(automatic(&ooo), Some(Why::AutoReply));
}

#[test]
fn replies_name_their_ticket_by_subject_address_or_message_id() {
    let n = TicketNumber::parse("SB-1042");
    assert_eq!(ticket_in_subject("Re: [SB-1042] received"), n);
    assert_eq!(ticket_in_subject("AW: [sb-1042] Drucker"), n);
    assert_eq!(ticket_in_subject("RE: SB-1042 received"), n);
    assert_eq!(ticket_in_subject("Re[2]: Rif: SB-1042: stampante"), n);
    // A new request that mentions a ticket is not a reply to it.
    assert_eq!(ticket_in_subject("Same as SB-1042 but on floor 3"), None);
    assert_eq!(ticket_in_subject("[SB-12] too small"), None);
    assert_eq!(ticket_in_subject("Re: [SB-x] [SB-1042]"), n);
    assert_eq!(ticket_in_address("helpdesk+sb-1042@example.org"), n);
    assert_eq!(ticket_in_address("helpdesk+SB-1042@example.org"), n);
    assert_eq!(ticket_in_address("helpdesk+other@example.org"), None);
    assert_eq!(ticket_in_address("helpdesk@example.org"), None);
    assert_eq!(outbox_id("<outbox-7@help.example.org>"), Some(7));
    assert_eq!(outbox_id(" <outbox-7-8@help.example.org> "), Some(7));
    assert_eq!(outbox_id("<CAF=abc@mail.gmail.com>"), None);
    assert_eq!(bare_id(" <a@b> "), "a@b");
}

#[test]
fn outgoing_subjects_and_addresses_carry_the_number() {
    let n = TicketNumber::parse("SB-1042").unwrap();
    assert_eq!(
        subject_with_number("SB-1042 received", n),
        "[SB-1042] received"
    );
    assert_eq!(
        subject_with_number("Your digest", n),
        "[SB-1042] Your digest"
    );
    assert_eq!(subject_with_number("[SB-1042] x", n), "[SB-1042] x");
    assert_eq!(
        reply_address("helpdesk@example.org", n).as_deref(),
        Some("helpdesk+sb-1042@example.org")
    );
    assert_eq!(
        reply_address("helpdesk+old@example.org", n).as_deref(),
        Some("helpdesk+sb-1042@example.org")
    );
    assert_eq!(reply_address("not-an-address", n), None);
}

#[test]
fn titles_come_from_the_subject_without_prefixes() {
    assert_eq!(
        title_from("Fwd: Printer jams", "x").as_deref(),
        Some("Printer jams")
    );
    assert_eq!(
        title_from("", "\n  \nMy screen is black\nmore").as_deref(),
        Some("My screen is black")
    );
    assert_eq!(title_from("Re:", "ok"), None);
    let long = "x".repeat(500);
    assert_eq!(title_from(&long, "").unwrap().chars().count(), 200);
}

#[test]
fn the_earlier_conversation_is_folded_away() {
    let gmail = "The asset tag is IT-4471.\n\nOn Tue, 1 Dec 2026 at 09:14, Switchboard <helpdesk@example.org> wrote:\n> What is the asset tag?\n> Thanks";
    assert_eq!(new_text(gmail), "The asset tag is IT-4471.");
    let wrapped =
        "Done.\n\nOn Tue, 1 Dec 2026 at 09:14, Switchboard\n<helpdesk@example.org> wrote:\n\n> old";
    assert_eq!(new_text(wrapped), "Done.");
    let outlook = "Same here.\r\n\r\n________________________________\r\nFrom: Switchboard <helpdesk@example.org>\r\nSent: Tuesday\r\nSubject: x\r\n\r\nold text";
    assert_eq!(new_text(outlook), "Same here.");
    let german =
        "Erledigt.\n\nAm 01.12.2026 um 09:14 schrieb Switchboard <helpdesk@example.org>:\n> alt";
    assert_eq!(new_text(german), "Erledigt.");
    let italian = "Fatto.\n\nIl giorno mar 1 dic 2026 alle ore 09:14 Switchboard <helpdesk@example.org> ha scritto:\n> vecchio";
    assert_eq!(new_text(italian), "Fatto.");
    let original = "Yes.\n-----Original Message-----\nFrom: a\nold";
    assert_eq!(new_text(original), "Yes.");
    let signature = "Thanks!\n-- \nPaul\n+49 30 1234";
    assert_eq!(new_text(signature), "Thanks!");
    let interleaved = "> Which room?\n2.14\n> Which floor?\n2";
    assert_eq!(new_text(interleaved), "2.14\n2");
    // Someone who only forwards the quotation keeps it.
    assert_eq!(new_text("> only quoted"), "> only quoted");
    // A line that only starts like an attribution is kept.
    assert_eq!(
        new_text("On Monday the printer broke.\nIt still is."),
        "On Monday the printer broke.\nIt still is."
    );
}

#[test]
fn html_quotes_are_cut_before_the_text_is_read() {
    let html = "<p>New text</p><div class=\"gmail_quote\"><blockquote>old</blockquote></div>";
    assert_eq!(html_before_quote(html), "<p>New text</p>");
    let outlook = "<p>Hi</p><div id=\"divRplyFwdMsg\">From: x</div>";
    assert_eq!(html_before_quote(outlook), "<p>Hi</p>");
    assert_eq!(html_before_quote("<p>plain</p>"), "<p>plain</p>");
}

#[test]
fn reasons_have_catalogue_keys() {
    for why in [
        Why::Duplicate,
        Why::AutoReply,
        Why::Bulk,
        Why::Bounce,
        Why::OwnMail,
        Why::TooLarge,
        Why::TooManyParts,
        Why::TooDeep,
        Why::Unreadable,
        Why::Rate,
        Why::Domain,
    ] {
        assert_eq!(Why::key_of(why.code()), format!("mail-why-{}", why.code()));
    }
    assert_eq!(Why::key_of("nonsense"), "mail-why-unreadable");
}

#[test]
fn a_short_thank_you_is_told_from_a_report_that_it_is_still_broken() {
    for thanks in [
        "Thanks, works now!",
        "Thank you so much.\n\nRita",
        "Vielen Dank!\nGruß, Bernd",
        "Danke, passt.",
        "Grazie mille!",
        "Perfetto, grazie.\nGiulia",
    ] {
        assert!(only_thanks(thanks), "{thanks}");
    }
    for still in [
        "Thanks, but it is still broken",
        "Thanks. It does not work.",
        "Danke, aber es geht immer noch nicht.",
        "Grazie, ma non funziona ancora.",
        "It broke again",
        "",
        "Thanks for the quick fix. Now the printer on the second floor also jams every \
         morning when we print the weekly report for the finance team.",
    ] {
        assert!(!only_thanks(still), "{still}");
    }
}
