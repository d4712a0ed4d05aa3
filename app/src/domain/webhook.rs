//! What a webhook can ask for: the events, the shapes of a body, and each event's words (the
//! admin page's boxes and a chat channel's message use the same).

/// The events a webhook can ask for.
pub const EVENTS: &[&str] = &[
    "ticket.filed",
    "ticket.assigned",
    "ticket.status_changed",
    "ticket.priority_changed",
    "ticket.escalated",
    "ticket.sla_at_risk",
    "ticket.sla_breached",
    "ticket.note_public",
    "ticket.note_internal",
    "ticket.resolved",
];

/// The shapes a body can take: Switchboard's own JSON, or a message for a Slack or Microsoft Teams
/// channel's incoming webhook.
pub const FORMATS: &[&str] = &["json", "slack", "teams"];

/// The catalogue key naming an event.
pub fn event_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "ticket.filed" => "webhook-event-filed",
        "ticket.assigned" => "webhook-event-assigned",
        "ticket.status_changed" => "webhook-event-status-changed",
        "ticket.priority_changed" => "webhook-event-priority-changed",
        "ticket.escalated" => "webhook-event-escalated",
        "ticket.sla_at_risk" => "webhook-event-sla-at-risk",
        "ticket.sla_breached" => "webhook-event-sla-breached",
        "ticket.note_public" => "webhook-event-note-public",
        "ticket.note_internal" => "webhook-event-note-internal",
        "ticket.resolved" => "webhook-event-resolved",
        _ => return None,
    })
}

/// The catalogue key naming a format.
pub fn format_key(format: &str) -> Option<&'static str> {
    Some(match format {
        "json" => "webhook-format-json",
        "slack" => "webhook-format-slack",
        "teams" => "webhook-format-teams",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Locale};

    #[test]
    fn every_event_and_format_has_words_in_each_language() {
        let keys = EVENTS
            .iter()
            .map(|e| event_key(e).unwrap_or_else(|| panic!("{e} has no words")))
            .chain(
                FORMATS
                    .iter()
                    .map(|f| format_key(f).unwrap_or_else(|| panic!("{f}"))),
            );
        for key in keys {
            for lang in Lang::ALL {
                let words = Locale::new(lang, chrono_tz::Tz::UTC).t(key);
                assert!(!words.is_empty() && words != key, "{key} in {lang:?}");
            }
        }
    }
}
