//! Escalation rules: what fires when a clock has used a share of its target.

use crate::domain::closed_enum;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

closed_enum! {
    /// The two clocks of a ticket.
    ClockKind {
        Response => "response",
        Resolution => "resolution",
    }
}

impl ClockKind {
    /// The catalogue key of the clock's name inside a sentence.
    pub fn label_key(self) -> &'static str {
        match self {
            ClockKind::Response => "sla-clock-response",
            ClockKind::Resolution => "sla-clock-resolution",
        }
    }
}

closed_enum! {
    /// What an escalation rule does when it fires.
    RuleAction {
        NotifyAssignee => "notify assignee",
        NotifyCoordinators => "notify coordinators",
        NotifyWatchers => "notify watchers",
        RaisePriority => "raise priority",
        Reassign => "reassign",
    }
}

/// Fires once per ticket when a clock has used `percent` of its target (100 = at breach).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub clock: ClockKind,
    pub percent: u32,
    pub actions: Vec<RuleAction>,
}

impl Rule {
    /// Reads `75% resolution: notify assignee, raise priority`.
    pub fn parse(line: &str) -> Result<Rule, Msg> {
        let shape = || Msg::new("err-rule-shape").text("line", line.trim());
        let (when, what) = line.split_once(':').ok_or_else(shape)?;
        let mut words = when.split_whitespace();
        let percent = words
            .next()
            .and_then(|p| p.strip_suffix('%'))
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| (1..=500).contains(p))
            .ok_or_else(shape)?;
        let clock: ClockKind = words
            .next()
            .and_then(|c| c.parse().ok())
            .ok_or_else(shape)?;
        if words.next().is_some() {
            return Err(shape());
        }
        let mut actions = Vec::new();
        for a in what
            .split(',')
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        {
            if a.is_empty() {
                continue;
            }
            let action: RuleAction = a
                .to_lowercase()
                .parse()
                .map_err(|_| Msg::new("err-rule-action").text("action", a.clone()))?;
            if !actions.contains(&action) {
                actions.push(action);
            }
        }
        if actions.is_empty() {
            return Err(shape());
        }
        Ok(Rule {
            clock,
            percent,
            actions,
        })
    }

    /// A notification's subject when the rule fires, in each reader's language.
    pub fn headline(&self) -> Msg {
        let msg = if self.percent >= 100 {
            Msg::new("sla-breached-subject")
        } else {
            Msg::new("sla-used-subject").number("percent", i64::from(self.percent))
        };
        msg.key("clock", self.clock.label_key())
    }

    /// What the rule saw, in each reader's language.
    pub fn reached(&self) -> Msg {
        let msg = if self.percent == 100 {
            Msg::new("sla-reached")
        } else {
            Msg::new("sla-used").number("percent", i64::from(self.percent))
        };
        msg.key("clock", self.clock.label_key())
    }

    /// The rule's actions as its policy spells them (the rule language is the same for every
    /// desk).
    pub fn actions_text(&self) -> String {
        let actions: Vec<&str> = self.actions.iter().map(|a| a.as_str()).collect();
        actions.join(", ")
    }

    /// The rule's stable name: its text. A ticket fires each named rule once.
    pub fn key(&self) -> String {
        self.to_string()
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let actions: Vec<&str> = self.actions.iter().map(|a| a.as_str()).collect();
        write!(
            f,
            "{}% {}: {}",
            self.percent,
            self.clock,
            actions.join(", ")
        )
    }
}
