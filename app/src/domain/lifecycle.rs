//! The ticket lifecycle as one transition function over closed enums.
//!
//! `new → assigned → in_progress ⇄ waiting(on) → resolved → closed`, with reopen from resolved,
//! cancel from any open state, and reassign / escalate at any open state. The UI offers exactly the
//! actions for which [`Lifecycle::transition`] succeeds.

use super::closed_enum;
use super::ticket::ResolutionNotes;
use serde::{Deserialize, Serialize};

closed_enum!(
    Status {
        New => "new",
        Assigned => "assigned",
        InProgress => "in_progress",
        Waiting => "waiting",
        Resolved => "resolved",
        Closed => "closed",
        Cancelled => "cancelled",
    }
);

closed_enum!(
    /// Who a waiting ticket waits on; the SLA clock pauses meanwhile.
    WaitingOn { Requester => "requester", ThirdParty => "third_party", Facility => "facility" }
);

impl Status {
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::New | Status::Assigned | Status::InProgress | Status::Waiting
        )
    }

    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::New => "status-new",
            Status::Assigned => "status-assigned",
            Status::InProgress => "status-in-progress",
            Status::Waiting => "status-waiting",
            Status::Resolved => "status-resolved",
            Status::Closed => "status-closed",
            Status::Cancelled => "status-cancelled",
        }
    }
}

impl WaitingOn {
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            WaitingOn::Requester => "waiting-on-requester",
            WaitingOn::ThirdParty => "waiting-on-third-party",
            WaitingOn::Facility => "waiting-on-facility",
        }
    }
}

/// What someone asks to do to a ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Give the ticket to a technician (also a reassignment).
    Assign,
    Start,
    Wait(WaitingOn),
    Resume,
    Resolve(ResolutionNotes),
    Reopen,
    Close,
    Cancel,
    /// Raise attention (and usually priority) and hand to a specialist.
    Escalate,
}

closed_enum!(
    /// An action without its data, for menus and permission tables.
    ActionKind {
        Assign => "assign",
        Start => "start",
        WaitRequester => "wait_requester",
        WaitThirdParty => "wait_third_party",
        WaitFacility => "wait_facility",
        Resume => "resume",
        Resolve => "resolve",
        Reopen => "reopen",
        Close => "close",
        Cancel => "cancel",
        Escalate => "escalate",
    }
);

impl ActionKind {
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            ActionKind::Assign => "action-kind-assign",
            ActionKind::Start => "action-kind-start",
            ActionKind::WaitRequester => "action-kind-wait-requester",
            ActionKind::WaitThirdParty => "action-kind-wait-third-party",
            ActionKind::WaitFacility => "action-kind-wait-facility",
            ActionKind::Resume => "action-kind-resume",
            ActionKind::Resolve => "action-kind-resolve",
            ActionKind::Reopen => "action-kind-reopen",
            ActionKind::Close => "action-kind-close",
            ActionKind::Cancel => "action-kind-cancel",
            ActionKind::Escalate => "action-kind-escalate",
        }
    }
}

impl ActionKind {
    /// The action that takes a ticket from status `from` to `to` (waiting on `waiting_on`, a
    /// third party when unsaid): `None` when it is there already; an error when no single action
    /// gets there. The REST API's `status` and the board's drag and drop both ask this.
    pub fn to_reach(
        from: Status,
        to: Status,
        waiting_on: Option<WaitingOn>,
    ) -> Result<Option<ActionKind>, crate::i18n::Msg> {
        use ActionKind::*;
        Ok(Some(match (from, to) {
            (a, b) if a == b && (b != Status::Waiting || waiting_on.is_none()) => return Ok(None),
            (_, Status::Assigned) => Assign,
            (Status::Assigned, Status::InProgress) => Start,
            (Status::Waiting, Status::InProgress) => Resume,
            (Status::Resolved, Status::InProgress | Status::New) => Reopen,
            (_, Status::Waiting) => match waiting_on.unwrap_or(WaitingOn::ThirdParty) {
                WaitingOn::Requester => WaitRequester,
                WaitingOn::ThirdParty => WaitThirdParty,
                WaitingOn::Facility => WaitFacility,
            },
            (_, Status::Resolved) => Resolve,
            (_, Status::Closed) => Close,
            (_, Status::Cancelled) => Cancel,
            (from, to) => {
                return Err(crate::i18n::Msg::new("transition-no-single-step")
                    .key("from", from.label_key())
                    .key("to", to.label_key()))
            }
        }))
    }

    /// Actions that need more than a click: whom to assign, resolution notes, or a reason.
    pub fn needs_input(self) -> bool {
        matches!(
            self,
            ActionKind::Assign | ActionKind::Resolve | ActionKind::Reopen | ActionKind::Escalate
        )
    }

    /// The action of this kind; resolving carries its resolution notes, the others ignore them.
    pub fn with_resolution(self, notes: ResolutionNotes) -> Action {
        match self {
            ActionKind::Assign => Action::Assign,
            ActionKind::Start => Action::Start,
            ActionKind::WaitRequester => Action::Wait(WaitingOn::Requester),
            ActionKind::WaitThirdParty => Action::Wait(WaitingOn::ThirdParty),
            ActionKind::WaitFacility => Action::Wait(WaitingOn::Facility),
            ActionKind::Resume => Action::Resume,
            ActionKind::Resolve => Action::Resolve(notes),
            ActionKind::Reopen => Action::Reopen,
            ActionKind::Close => Action::Close,
            ActionKind::Cancel => Action::Cancel,
            ActionKind::Escalate => Action::Escalate,
        }
    }
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Assign => ActionKind::Assign,
            Action::Start => ActionKind::Start,
            Action::Wait(WaitingOn::Requester) => ActionKind::WaitRequester,
            Action::Wait(WaitingOn::ThirdParty) => ActionKind::WaitThirdParty,
            Action::Wait(WaitingOn::Facility) => ActionKind::WaitFacility,
            Action::Resume => ActionKind::Resume,
            Action::Resolve(_) => ActionKind::Resolve,
            Action::Reopen => ActionKind::Reopen,
            Action::Close => ActionKind::Close,
            Action::Cancel => ActionKind::Cancel,
            Action::Escalate => ActionKind::Escalate,
        }
    }

    /// A representative action of a kind, used to ask the lifecycle whether the kind is allowed.
    fn probe(kind: ActionKind) -> Action {
        kind.with_resolution(ResolutionNotes::placeholder())
    }
}

/// The part of a ticket the lifecycle decides on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifecycle {
    pub status: Status,
    pub waiting_on: Option<WaitingOn>,
    pub has_assignee: bool,
}

/// Why the lifecycle refused an action: the action, the status it met and the catalogue key of
/// the reason, so that each reader is told in their own language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionError {
    pub action: ActionKind,
    pub status: Status,
    pub why: String,
}

impl TransitionError {
    pub fn message(&self, locale: &crate::i18n::Locale) -> String {
        locale.t_with(
            "transition-refused",
            &[
                ("action", self.action.label(locale).into()),
                ("status", self.status.label(locale).into()),
                ("why", locale.t(&self.why).into()),
            ],
        )
    }
}

impl std::fmt::Display for TransitionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(&crate::i18n::Locale::default()))
    }
}

impl std::error::Error for TransitionError {}

impl Lifecycle {
    pub fn new_ticket() -> Self {
        Lifecycle {
            status: Status::New,
            waiting_on: None,
            has_assignee: false,
        }
    }

    /// The state after `action`, or why it is not allowed. Assignment is the only action that
    /// brings an assignee, so `Assign` always leaves `has_assignee` set.
    pub fn transition(&self, action: &Action) -> Result<Lifecycle, TransitionError> {
        use Status::*;
        let refuse = |why: &str| TransitionError {
            action: action.kind(),
            status: self.status,
            why: why.to_string(),
        };
        let to = |status: Status, waiting_on: Option<WaitingOn>| Lifecycle {
            status,
            waiting_on,
            has_assignee: self.has_assignee,
        };
        match (self.status, action) {
            (New, Action::Assign) => Ok(Lifecycle {
                status: Assigned,
                waiting_on: None,
                has_assignee: true,
            }),
            (Assigned | InProgress | Waiting, Action::Assign) => Ok(Lifecycle {
                has_assignee: true,
                ..*self
            }),
            (Assigned, Action::Start) => Ok(to(InProgress, None)),
            (New, Action::Start) => Err(refuse("transition-assign-first")),
            (Assigned | InProgress, Action::Wait(on)) => Ok(to(Waiting, Some(*on))),
            (Waiting, Action::Wait(on)) if self.waiting_on != Some(*on) => {
                Ok(to(Waiting, Some(*on)))
            }
            (Waiting, Action::Resume) => Ok(to(InProgress, None)),
            (Assigned | InProgress | Waiting, Action::Resolve(_)) => Ok(to(Resolved, None)),
            (New, Action::Resolve(_)) => Err(refuse("transition-assign-first")),
            (Resolved, Action::Reopen) if self.has_assignee => Ok(to(InProgress, None)),
            (Resolved, Action::Reopen) => Ok(to(New, None)),
            (Resolved, Action::Close) => Ok(to(Closed, None)),
            (New | Assigned | InProgress | Waiting, Action::Cancel) => Ok(to(Cancelled, None)),
            (New | Assigned | InProgress | Waiting, Action::Escalate) => Ok(*self),
            (Closed | Cancelled, _) => Err(refuse("transition-finished")),
            (Resolved, _) => Err(refuse("transition-reopen-first")),
            (Waiting, Action::Wait(_)) => Err(refuse("transition-already-waiting")),
            (_, Action::Resume) => Err(refuse("transition-not-waiting")),
            (_, Action::Reopen) => Err(refuse("transition-not-resolved")),
            (_, Action::Close) => Err(refuse("transition-resolve-first")),
            (_, Action::Start) => Err(refuse("transition-started")),
            (New, Action::Wait(_)) => Err(refuse("transition-assign-first")),
        }
    }

    /// Every action kind the lifecycle allows from here, in menu order.
    pub fn allowed(&self) -> Vec<ActionKind> {
        ActionKind::ALL
            .iter()
            .copied()
            .filter(|&kind| self.transition(&Action::probe(kind)).is_ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn notes() -> ResolutionNotes {
        ResolutionNotes::parse("Replaced the cable").unwrap()
    }

    #[test]
    fn happy_path_reaches_closed() {
        let mut s = Lifecycle::new_ticket();
        for a in [
            Action::Assign,
            Action::Start,
            Action::Wait(WaitingOn::Facility),
            Action::Resume,
            Action::Resolve(notes()),
            Action::Close,
        ] {
            s = s.transition(&a).unwrap();
        }
        assert_eq!(s.status, Status::Closed);
        assert!(s.allowed().is_empty(), "a closed ticket offers nothing");
    }

    #[test]
    fn cannot_start_unassigned_and_message_says_why() {
        let err = Lifecycle::new_ticket()
            .transition(&Action::Start)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "“Start work” is not possible for a ticket that is New: assign it to someone first"
        );
    }

    #[test]
    fn reopen_returns_to_the_assignee_or_the_queue() {
        let resolved = Lifecycle {
            status: Status::Resolved,
            waiting_on: None,
            has_assignee: true,
        };
        assert_eq!(
            resolved.transition(&Action::Reopen).unwrap().status,
            Status::InProgress
        );
        let unowned = Lifecycle {
            has_assignee: false,
            ..resolved
        };
        assert_eq!(
            unowned.transition(&Action::Reopen).unwrap().status,
            Status::New
        );
    }

    #[test]
    fn new_ticket_offers_assign_cancel_escalate() {
        assert_eq!(
            Lifecycle::new_ticket().allowed(),
            vec![ActionKind::Assign, ActionKind::Cancel, ActionKind::Escalate]
        );
    }

    #[test]
    fn status_targets_map_to_actions() {
        let to = ActionKind::to_reach;
        assert_eq!(
            to(Status::Assigned, Status::InProgress, None),
            Ok(Some(ActionKind::Start))
        );
        assert_eq!(
            to(Status::Waiting, Status::InProgress, None),
            Ok(Some(ActionKind::Resume))
        );
        assert_eq!(
            to(
                Status::InProgress,
                Status::Waiting,
                Some(WaitingOn::Facility)
            ),
            Ok(Some(ActionKind::WaitFacility))
        );
        assert_eq!(to(Status::InProgress, Status::InProgress, None), Ok(None));
        assert!(to(Status::New, Status::InProgress, None).is_err());
        // What the board may do by drag and drop alone.
        assert!(!ActionKind::Start.needs_input());
        assert!(ActionKind::Reopen.needs_input() && ActionKind::Resolve.needs_input());
    }

    fn any_action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::Assign),
            Just(Action::Start),
            prop::sample::select(WaitingOn::ALL.to_vec()).prop_map(Action::Wait),
            Just(Action::Resume),
            Just(Action::Resolve(ResolutionNotes::placeholder())),
            Just(Action::Reopen),
            Just(Action::Close),
            Just(Action::Cancel),
            Just(Action::Escalate),
        ]
    }

    proptest! {
        /// Whatever is tried, the state stays one the lifecycle allows.
        #[test]
        fn no_sequence_reaches_a_forbidden_state(actions in prop::collection::vec(any_action(), 0..40)) {
            let mut s = Lifecycle::new_ticket();
            for a in &actions {
                let before = s;
                match s.transition(a) {
                    Ok(next) => s = next,
                    // A refusal names the action and the state it was tried in, and says why.
                    Err(e) => {
                        prop_assert_eq!(e.action, a.kind());
                        prop_assert_eq!(e.status, s.status);
                        prop_assert!(!e.why.trim().is_empty(), "{e:?} says why");
                    }
                }
                prop_assert_eq!(s.status == Status::Waiting, s.waiting_on.is_some());
                if matches!(s.status, Status::Assigned | Status::InProgress | Status::Waiting) {
                    prop_assert!(s.has_assignee, "work states always have an assignee");
                }
                if !before.status.is_open() && before.status != Status::Resolved {
                    prop_assert_eq!(s, before, "closed and cancelled are final");
                }
                // The menu and the function agree.
                prop_assert_eq!(before.allowed().contains(&a.kind()), before.transition(a).is_ok());
            }
        }
    }
}
