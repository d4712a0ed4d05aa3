//! `/recurring`: coordinators schedule tickets that file themselves (certificate renewals, patch
//! days), with the next five runs shown while the schedule is written.

use super::widgets::{action_error, not_field, ErrorBox, FieldMessage};
use super::{may_open, t, use_locale, Gate};
use crate::api::recurring::{
    preview_schedule, recurring_tickets, ScheduleRecurring, StopRecurring,
};
use crate::api::tickets::categories;
use crate::domain::category_words;
use crate::domain::recurring::{Repeat, Schedule};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::types::{Recurring, ScheduleForm};
use chrono::Weekday;
use leptos::prelude::*;
use leptos_meta::Title;

/// The weekdays, Monday first: the form's value and the catalogue key of the name.
const WEEKDAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Mon, "mon", "recurring-weekday-mon"),
    (Weekday::Tue, "tue", "recurring-weekday-tue"),
    (Weekday::Wed, "wed", "recurring-weekday-wed"),
    (Weekday::Thu, "thu", "recurring-weekday-thu"),
    (Weekday::Fri, "fri", "recurring-weekday-fri"),
    (Weekday::Sat, "sat", "recurring-weekday-sat"),
    (Weekday::Sun, "sun", "recurring-weekday-sun"),
];

fn weekday_name(loc: &Locale, day: Weekday) -> String {
    let key = WEEKDAYS
        .iter()
        .find(|(d, _, _)| *d == day)
        .map_or("recurring-weekday-mon", |(_, _, k)| k);
    loc.t(key)
}

/// A schedule in words: "Every first Tuesday of the month at 08:00".
fn describe(loc: &Locale, s: &Schedule) -> String {
    let time = s.at.format("%H:%M").to_string();
    match s.repeat {
        Repeat::Days { n } => loc.t_with(
            "recurring-every-days",
            &[("n", n.into()), ("time", time.into())],
        ),
        Repeat::Weeks { n } => {
            use chrono::Datelike;
            loc.t_with(
                "recurring-every-weeks",
                &[
                    ("n", n.into()),
                    ("weekday", weekday_name(loc, s.first.weekday()).into()),
                    ("time", time.into()),
                ],
            )
        }
        Repeat::MonthWeekday { nth, weekday } => loc.t_with(
            match nth {
                1 => "recurring-every-month-1",
                2 => "recurring-every-month-2",
                3 => "recurring-every-month-3",
                4 => "recurring-every-month-4",
                _ => "recurring-every-month-5",
            },
            &[
                ("weekday", weekday_name(loc, weekday).into()),
                ("time", time.into()),
            ],
        ),
        Repeat::Year => loc.t_with(
            "recurring-every-year",
            &[("date", loc.date(s.first).into()), ("time", time.into())],
        ),
    }
}

#[component]
pub fn RecurringPage() -> impl IntoView {
    let save = ServerAction::<ScheduleRecurring>::new();
    let stop = ServerAction::<StopRecurring>::new();
    let list = Resource::new(
        move || (save.version().get(), stop.version().get()),
        |_| recurring_tickets(),
    );
    let cats = Resource::new(|| (), |_| categories());
    view! {
        <Title text=t("recurring-page-title") />
        <Gate
            allowed=may_open::coordinators
            children=move |_| {
                view! {
                    <section class="panel wide recurring">
                        <h1>{t("recurring-heading")}</h1>
                        <p class="muted">{t("recurring-lead")}</p>
                        <Transition fallback=move || {
                            view! { <p class="muted">{t("page-loading")}</p> }
                        }>
                            {move || Suspend::new(async move {
                                let cats = cats.await.unwrap_or_default();
                                match list.await {
                                    Err(e) => {
                                        view! {
                                            <p class="error-box">{e.message(&use_locale())}</p>
                                        }
                                            .into_any()
                                    }
                                    Ok(items) => {
                                        view! {
                                            <RecurringForm save cats />
                                            <RecurringList items stop />
                                        }
                                            .into_any()
                                    }
                                }
                            })}
                        </Transition>
                    </section>
                }
            }
        />
    }
}

#[component]
fn RecurringForm(
    save: ServerAction<ScheduleRecurring>,
    cats: Vec<crate::domain::Category>,
) -> impl IntoView {
    let loc = use_locale();
    let error = action_error(save);
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let form = RwSignal::new(ScheduleForm {
        repeat: "weeks".into(),
        every: "1".into(),
        nth: "1".into(),
        weekday: "mon".into(),
        first: today,
        at: "08:00".into(),
    });
    // Asked in the browser only, so the server's page and the browser's first render match; an
    // answer to an older version of the form (slower than a newer one) is dropped.
    let preview = RwSignal::new(None::<Result<Vec<chrono::DateTime<chrono::Utc>>, AppError>>);
    Effect::new(move |_| {
        let asked = form.get();
        leptos::task::spawn_local(async move {
            let answer = preview_schedule(asked.clone()).await;
            // The page may have been left meanwhile.
            if form.try_get_untracked().as_ref() == Some(&asked) {
                preview.set(Some(answer));
            }
        });
    });
    let set = move |pick: fn(&mut ScheduleForm) -> &mut String| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            form.update(|f| *pick(f) = value);
        }
    };
    let nth_options = [
        ("1", "recurring-nth-1"),
        ("2", "recurring-nth-2"),
        ("3", "recurring-nth-3"),
        ("4", "recurring-nth-4"),
        ("5", "recurring-nth-last"),
    ];
    view! {
        <ActionForm action=save attr:class="form recurring-form">
            <h2>{loc.t("recurring-new-heading")}</h2>
            <label for="recurring-title">{loc.t("recurring-field-title")}</label>
            <input id="recurring-title" name="recurring[title]" required maxlength="200" />
            <FieldMessage error field="title" />
            <label for="recurring-description">{loc.t("recurring-field-description")}</label>
            <textarea
                id="recurring-description"
                name="recurring[description]"
                rows="5"
                required
                maxlength="20000"
            ></textarea>
            <p class="hint">{loc.t("recurring-field-description-hint")}</p>
            <FieldMessage error field="description" />
            <div class="row">
                <div>
                    <label for="recurring-category">{loc.t("recurring-field-category")}</label>
                    <select id="recurring-category" name="recurring[category]">
                        {cats
                            .iter()
                            .map(|c| {
                                let slug = c.slug.clone();
                                let chosen = slug == "other";
                                let words = category_words(&loc, &c.name);
                                view! {
                                    <option value=slug selected=chosen>
                                        {words}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage error field="category" />
                </div>
                <div>
                    <label for="recurring-impact">{loc.t("recurring-field-impact")}</label>
                    <select id="recurring-impact" name="recurring[impact]">
                        <option value="low">{loc.t("impact-low")}</option>
                        <option value="medium" selected>
                            {loc.t("impact-medium")}
                        </option>
                        <option value="high">{loc.t("impact-high")}</option>
                    </select>
                    <FieldMessage error field="impact" />
                </div>
                <div>
                    <label for="recurring-urgency">{loc.t("recurring-field-urgency")}</label>
                    <select id="recurring-urgency" name="recurring[urgency]">
                        <option value="low">{loc.t("urgency-low")}</option>
                        <option value="medium" selected>
                            {loc.t("urgency-medium")}
                        </option>
                        <option value="high">{loc.t("urgency-high")}</option>
                    </select>
                    <FieldMessage error field="urgency" />
                </div>
            </div>
            <label for="recurring-assignee">{loc.t("recurring-field-assignee")}</label>
            <input
                id="recurring-assignee"
                name="recurring[assignee]"
                type="email"
                autocomplete="off"
                placeholder="tina@example.org"
            />
            <p class="hint">{loc.t("recurring-field-assignee-hint")}</p>
            <FieldMessage error field="assignee" />
            <fieldset class="schedule">
                <legend>{loc.t("recurring-field-schedule")}</legend>
                <div class="row">
                    <div>
                        <label for="recurring-repeat">{loc.t("recurring-field-repeat")}</label>
                        <select
                            id="recurring-repeat"
                            name="recurring[schedule][repeat]"
                            on:change=set(|f| &mut f.repeat)
                        >
                            <option value="days">{loc.t("recurring-repeat-days")}</option>
                            <option value="weeks" selected>
                                {loc.t("recurring-repeat-weeks")}
                            </option>
                            <option value="month_weekday">
                                {loc.t("recurring-repeat-month-weekday")}
                            </option>
                            <option value="year">{loc.t("recurring-repeat-year")}</option>
                        </select>
                        <FieldMessage error field="repeat" />
                    </div>
                    <div class="by-interval">
                        <label for="recurring-every">{loc.t("recurring-field-every")}</label>
                        <input
                            id="recurring-every"
                            name="recurring[schedule][every]"
                            type="number"
                            min="1"
                            max="366"
                            value="1"
                            on:input=set(|f| &mut f.every)
                        />
                        <FieldMessage error field="every" />
                    </div>
                    <div class="by-month">
                        <label for="recurring-nth">{loc.t("recurring-field-nth")}</label>
                        <select
                            id="recurring-nth"
                            name="recurring[schedule][nth]"
                            on:change=set(|f| &mut f.nth)
                        >
                            {nth_options
                                .iter()
                                .map(|(v, k)| view! { <option value=*v>{loc.t(k)}</option> })
                                .collect_view()}
                        </select>
                        <FieldMessage error field="nth" />
                    </div>
                    <div class="by-month">
                        <label for="recurring-weekday">{loc.t("recurring-field-weekday")}</label>
                        <select
                            id="recurring-weekday"
                            name="recurring[schedule][weekday]"
                            on:change=set(|f| &mut f.weekday)
                        >
                            {WEEKDAYS
                                .iter()
                                .map(|(d, code, _)| {
                                    view! { <option value=*code>{weekday_name(&loc, *d)}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="recurring-first">{loc.t("recurring-field-first")}</label>
                        <input
                            id="recurring-first"
                            name="recurring[schedule][first]"
                            type="date"
                            required
                            prop:value=move || form.with(|f| f.first.clone())
                            on:input=set(|f| &mut f.first)
                        />
                        <FieldMessage error field="first" />
                    </div>
                    <div>
                        <label for="recurring-at">{loc.t("recurring-field-at")}</label>
                        <input
                            id="recurring-at"
                            name="recurring[schedule][at]"
                            type="time"
                            required
                            value="08:00"
                            on:input=set(|f| &mut f.at)
                        />
                        <FieldMessage error field="at" />
                    </div>
                </div>
                <div class="preview" role="status" aria-live="polite">
                    {move || {
                        let loc = use_locale();
                        match preview.get() {
                            None => ().into_any(),
                            Some(Ok(runs)) => {
                                view! {
                                    <p>{loc.t("recurring-preview")}</p>
                                    <ol class="runs">
                                        {runs
                                            .into_iter()
                                            .map(|r| view! { <li>{loc.when(r)}</li> })
                                            .collect_view()}
                                    </ol>
                                }
                                    .into_any()
                            }
                            Some(Err(e)) => {
                                let words = match &e {
                                    AppError::Validation(errors) => {
                                        errors
                                            .iter()
                                            .map(|f| f.text(&loc))
                                            .collect::<Vec<_>>()
                                            .join(" ")
                                    }
                                    other => other.message(&loc),
                                };
                                // What is wrong with the schedule, said where the runs would be.
                                view! { <p class="hint">{words}</p> }
                                    .into_any()
                            }
                        }
                    }}
                </div>
            </fieldset>
            <ErrorBox error=not_field(error) />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {loc.t("recurring-save")}
            </button>
        </ActionForm>
    }
}

#[component]
fn RecurringList(items: Vec<Recurring>, stop: ServerAction<StopRecurring>) -> impl IntoView {
    let loc = use_locale();
    let error = action_error(stop);
    if items.is_empty() {
        return view! { <p class="empty">{loc.t("recurring-none")}</p> }.into_any();
    }
    view! {
        <ErrorBox error />
        <ul class="recurring-list">
            {items
                .into_iter()
                .map(|r| {
                    let label = loc
                        .t_with("recurring-stop-label", &[("title", r.title.clone().into())]);
                    let who = r
                        .assignee
                        .as_ref()
                        .map_or_else(|| loc.t("recurring-assignee-team"), |p| p.name.clone());
                    view! {
                        <li class="recurring-item">
                            <h3>{r.title.clone()}</h3>
                            <p>{describe(&loc, &r.schedule)} " · " {who}</p>
                            <p class="muted">
                                {loc.t("recurring-next")} " "
                                {r
                                    .next
                                    .iter()
                                    .map(|t| loc.when(*t))
                                    .collect::<Vec<_>>()
                                    .join(" · ")}
                            </p>
                            {r
                                .last
                                .map(|n| {
                                    view! {
                                        <p class="muted">
                                            {loc.t("recurring-last")} " "
                                            <a href=format!("/tickets/{n}")>{n.to_string()}</a>
                                        </p>
                                    }
                                })}
                            <ActionForm action=stop attr:class="inline-form">
                                <input type="hidden" name="id" value=r.id.to_string() />
                                <button type="submit" class="small" aria-label=label>
                                    {loc.t("recurring-stop")}
                                </button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
