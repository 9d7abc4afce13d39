/* The khai command line: global options, dispatch, help, and the whole-database commands. */
#include "cli.h"
#include "cli_internal.h"
#include "demo.h"
#include "messages.h"
#include "outfile.h"
#include "recover.h"
#include "quota.h"
#include "settings.h"
#include "tui.h"
#include "table.h"
#include "xalloc.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct command {
    const char *name;
    int (*run)(const struct cli *cli);
    const char *usage; /* command syntax: the same in every language */
    const char *help;  /* marked N_(), translated where shown */
};

static int cmd_demo(const struct cli *cli);
static int cmd_check(const struct cli *cli);
static int cmd_backup(const struct cli *cli);
static int cmd_init(const struct cli *cli);
static int cmd_recover(const struct cli *cli);
static int cmd_complete(const struct cli *cli);
static int cmd_version(const struct cli *cli);
static int cmd_help(const struct cli *cli);

static const char *const kinds_help =
    N_("KIND is one of: member, org, event, task, attendance, invitation, series, goal; "
       "plurals work too.\n");

static const struct command commands[] = {
    {"list", cmd_list,
     "khai list members|orgs|events|tasks|attendance|invitations|series|goals [--search TEXT] "
     "[--sort "
     "KEY] "
     "[--event ID] "
     "[--member ID] [--org ORG] [--province P] [--tag TAG] [--status S] [--group NAME] [--deleted] "
     "[--limit N] [--offset N] [--dates thai|iso|ce] [--tsv] [--owner WHO] [--mine] [--overdue]",
     N_("Lists records in a table that fits the terminal, or as tab-separated values under a\n"
        "header of the column names with --tsv (dates ISO 8601, times HH:MM).\n"
        "  --search TEXT  substrings of names, nicknames, organisations, phone digits\n"
        "  --sort KEY     members: given (default), family, nickname, province, org, id;\n"
        "                 orgs: name, province, id; events: -date (newest first, default),\n"
        "                 date (oldest first), title, id; tasks: due, title, id;\n"
        "                 attendance: name, time, id; invitations: org, status, time, id;\n"
        "                 goals: due (default), title, id\n"
        "  --event ID     attendance, tasks or invited organisations of one event, or the\n"
        "                 members on its list\n"
        "  --member ID    attendance or tasks of one member\n"
        "  --org ORG      members of, sub-organisations of, events hosted by (id or name)\n"
        "  --province P   members, orgs, events: Thai or English name, or ISO code (TH-50)\n"
        "  --tag TAG      members and orgs with the tag\n"
        "  --group NAME   attendance in the breakout group NAME (khai groups)\n"
        "  --status S     events: planned, held, cancelled; tasks: open, in_progress, done,\n"
        "                 cancelled; attendance: invited, confirmed, attended, absent,\n"
        "                 cancelled; invitations: invited, confirmed, cancelled, declined;\n"
        "                 members: active, inactive\n"
        "  --deleted      list deleted records (restore them with `khai restore`)\n"
        "  --owner WHO    tasks one of whose owners is WHO (a member: id, phone or name; or\n"
        "                 an organisation: name or short name)\n"
        "  --mine         tasks of the member your login is linked to (`khai me`)\n"
        "  --overdue      tasks open or in progress past their due date (marked ! in the\n"
        "                 table)\n"
        "  --dates STYLE  table dates as thai (21 ก.ค. 2553, default), iso or ce\n")},
    {"show", cmd_show, "khai show KIND ID",
     N_("Shows every field of one record and what is linked to it: an event's turnout against\n"
        "its target and quotas, a member's events, an organisation's members.\n")},
    {"add", cmd_add,
     "khai add member|org|event|task|attendance|invitation|series|goal --FIELD VALUE ... "
     "[--name FULL] [--force] [--create-orgs]",
     N_("Adds a record and prints its id. Fields are the column names of `khai list KIND --tsv`\n"
        "written as options (--given-name, --start-date). --name takes a full name with or\n"
        "without an honorific (\"นางสาวจิราพร คงทอง\") and splits it. Several values in one field\n"
        "(phones, organisations, partners, tags) are separated by \"; \". Dates take any form\n"
        "(21/7/2553, 21 ก.ค. 53, 2010-07-21); a range as --start-date (24-25 มี.ค. 2552) sets\n"
        "both dates, and --start-time 13.30-17.30 น. sets both times. Extra fields: members\n"
        "--skills, --active, --street, --postcode, --birthday; orgs --tags; events --quotas\n"
        "\"category=N; ...\", --recurrence N (months), --agenda, --minutes; tasks --done-date.\n"
        "Events have optional targets beside\n"
        "--target (people): --target-orgs, --target-subdistricts, --target-districts,\n"
        "--target-provinces. An invitation is an organisation invited to an event: khai add\n"
        "invitation --event ID --org ORG [--status invited|confirmed|cancelled|declined]\n"
        "[--reason TEXT]; each answer is kept with its time (khai show invitation ID).\n"
        "A goal is a target number of something khai counts: khai add goal --title T --target N\n"
        "[--due DATE] --measure members|people|attendances|organisations|subdistricts|manual;\n"
        "members takes --tag TAG and --org ORG (its sub-organisations' members count too);\n"
        "people, attendances, organisations and subdistricts (those who attended) take --event\n"
        "ID, or --series ID and --from DATE --to DATE; manual takes --value N, the number\n"
        "reached so far (khai edit goal ID --value N). khai show goal ID and khai report goals\n"
        "show the progress.\n"
        "Quotas that add up to more than the target, or that nobody on the list can count\n"
        "towards, are warned about.\n"
        "A member with the phone, e-mail or LINE ID of a member khai has is refused (\"already\n"
        "member 38 ...\") unless --force; one with the name of a member is added with a\n"
        "warning naming them on standard error.\n"
        "An organisation named (host, partners, organisations, parent, owner_org) that khai\n"
        "does not have is refused, with the ones it probably meant (\"did you mean\": the same\n"
        "name but for ฎ/ฏ, a tone mark, spaces or dots, or the short name), and nothing is\n"
        "saved; --create-orgs adds it. A task's --owners takes several members and\n"
        "organisations (\"พี่ปิยะชีพ; 12; มูลนิธิชุมชนไท\"); --owner and --owner-org are its first\n"
        "member and organisation. A due date without a year is read against the task's event:\n"
        "17 พค. for a meeting on 11 พ.ค. 2554 is 17 พ.ค. 2554.\n")},
    {"duplicates", cmd_duplicates, "khai duplicates [--tsv]",
     N_("Lists pairs of members who are the same person by khai's rule (an identical phone,\n"
        "e-mail or LINE ID: added with --force, or from before the rule) or probably the same\n"
        "person (the same given and family name, and no phone, e-mail, LINE ID, province or\n"
        "subdistrict that tells them apart), with why. `khai merge` joins two. Columns of\n"
        "--tsv: id, name, other_id, other_name, verdict (same or probable), reason.\n")},
    {"merge", cmd_merge, "khai merge KEEP OTHER [--take FIELD,...]",
     N_("Joins member OTHER into member KEEP, who stays. KEEP's empty fields take OTHER's\n"
        "values; OTHER's phones are added to KEEP's, notes are joined, OTHER's organisations\n"
        "(with role and dates), tags, attendance and tasks move to KEEP. Where both have a\n"
        "value and they differ, KEEP's wins, or OTHER's for the fields --take names\n"
        "(--take province,position). Where both were on one event's list, KEEP's row keeps\n"
        "the better status (attended; then confirmed, absent or cancelled; then invited) with\n"
        "its check-in time. OTHER is then deleted. Everything is audited, and `khai unmerge\n"
        "OTHER` (or u in the screens, in the same session) takes it all back while KEEP has\n"
        "not been changed since.\n")},
    {"unmerge", cmd_unmerge, "khai unmerge OTHER",
     N_("Undoes the latest merge of member OTHER: OTHER is restored with the attendance,\n"
        "organisations, tags and tasks that moved, and KEEP's fields are put back as they\n"
        "were. Refuses when KEEP was changed since the merge.\n")},
    {"edit", cmd_edit, "khai edit KIND ID [ID...] --FIELD VALUE ... [--create-orgs]",
     N_("Changes fields of a record; an empty VALUE clears a field (organisations named as\n"
        "for add, with --create-orgs). Someone else's change to\n"
        "other fields in the meantime is kept; when they changed one of these fields, nothing\n"
        "is written and khai says who and when. Several ids set the same fields on every\n"
        "one in one transaction, all or none: `khai edit attendance 12 13 14 --status\n"
        "confirmed` (an event's participants screen, P in its detail, shows their ids).\n")},
    {"delete", cmd_delete, "khai delete KIND ID",
     N_("Deletes a record. Deletes are soft: `khai restore KIND ID` brings it back.\n")},
    {"restore", cmd_restore, "khai restore KIND ID", N_("Brings back a deleted record.\n")},
    {"me", cmd_me, "khai me [MEMBER_ID]",
     N_("Links your Unix login to a member (id, phone or name) once, so that `khai list tasks\n"
        "--mine` lists that member's tasks; without MEMBER_ID, says which member you are. One\n"
        "link a login, kept in the database.\n")},
    {"affiliation", cmd_affiliation,
     "khai affiliation MEMBER_ID [ORG [--role ROLE] [--since DATE] [--until DATE]]",
     N_("Lists a member's organisations with their roles and dates, or sets the role and dates\n"
        "of the member at ORG (id, name or short name), adding ORG to the member's\n"
        "organisations when it is not there yet. An empty value clears; dates take any form.\n")},
    {"groups", cmd_groups,
     "khai groups EVENT_ID [--by province|district|subdistrict|organisation|category] "
     "[--balance N [--keep-orgs]] [--set NAME MEMBER_ID...] [--add NAME] [--rename OLD NEW] "
     "[--facilitator NAME MEMBER] [--room NAME ROOM] [--delete NAME] [--tsv]",
     N_("Lists an event's breakout groups with their facilitator, room and number of people\n"
        "(those on its list but the cancelled and absent; `khai list attendance --event ID\n"
        "--group NAME` lists a group's people), or first changes them:\n"
        "  --by RULE         a group for each province, district, subdistrict, organisation\n"
        "                    (the one they come for) or category of the event's people, named\n"
        "                    by it; people without one keep the group they had\n"
        "  --balance N       N groups whose sizes differ by at most one: the event's first N\n"
        "                    groups, and \"Group K\" for the missing ones; people in order of\n"
        "                    organisation, then name, are dealt out in turn, so the people of\n"
        "                    one organisation are spread over the groups\n"
        "  --keep-orgs       with --balance: each organisation, largest first, goes whole into\n"
        "                    the group with fewest people so far\n"
        "  --set NAME MEMBER_ID...  puts these members of the event's list in group NAME (made\n"
        "                    when new; \"\" takes them out of their group)\n"
        "  --add NAME        makes an empty group\n"
        "  --rename OLD NEW  renames a group; its people follow\n"
        "  --facilitator NAME MEMBER  the group's facilitator (id, name or phone; \"\" for none)\n"
        "  --room NAME ROOM  the group's room\n"
        "  --delete NAME     deletes a group nobody is in\n"
        "An assignment is one transaction; the same list gives the same groups every time.\n"
        "Columns of --tsv: group, facilitator_id, facilitator, room, people.\n")},
    {"checkin", cmd_checkin, "khai checkin EVENT_ID [--day DATE]",
     N_("Checks people in at the door of an event, line by line (for slow links; the screens\n"
        "have the same with `c` on an event). Type part of a name, nickname or phone number:\n"
        "one match is checked in at once, several are listed and a number picks one. `new`\n"
        "adds someone not found (name, organisation, phone) and checks them in; `undo` takes\n"
        "back the last check-in; nobody is checked in twice. Prints the count against the\n"
        "target after each check-in. Tab completes names; an empty line or Ctrl-D ends.\n"
        "At an event of several days each check-in records its day: today, or --day DATE (a\n"
        "day of the event, in any date form); someone who came on another day is checked in\n"
        "again for this one.\n")},
    {"calendar", cmd_calendar, "khai calendar [MONTH]",
     N_("Prints a month as cal does, in Thai with the Buddhist Era year when the interface is\n"
        "Thai; days that hold an event, a task due or a coming meeting of a recurring event\n"
        "are marked with *, and the month's events and tasks are listed under it. MONTH is\n"
        "this month when left out, else 2553-07, 2010-07, 07/2553, ก.ค. 2553 or กรกฎาคม 2553.\n")},
    {"agenda", cmd_agenda, "khai agenda [--days N] [--from DATE]",
     N_("Lists the coming days' events, tasks due and next meetings of recurring events, day\n"
        "by day as calcurse -a does.\n"
        "  --days N     how many days, today included (default 7)\n"
        "  --from DATE  start on another day than today (any date form)\n")},
    {"next", cmd_next, "khai next EVENT_ID [--date DATE] [--invite]",
     N_("Makes the next meeting of the event's series and prints its id: the same title (its\n"
        "count after ครั้งที่ goes up), kind, times, venue, province, host, partners, targets\n"
        "and quotas, planned, on the date the series' rhythm gives after its latest meeting\n"
        "(every N months or weeks), or on --date. The event's open tasks are carried over to\n"
        "the new meeting (`khai show task ID` says where from; `khai show series ID` lists\n"
        "those carried more than once). An event in no series gets one, repeating as its\n"
        "recurrence says. One transaction.\n"
        "  --date DATE  the new meeting's date (any date form); needed when the series has\n"
        "               no rhythm\n"
        "  --invite     invite the people who attended the event to the new meeting\n")},
    {"import", cmd_import,
     "khai import members|orgs|events|attendance|tasks|invitations|goals|vcard FILE|- [--encoding "
     "auto|utf-8|cp874|tis-620|utf-16] [--sheet NAME] [--skip-bad] [--dry-run] "
     "[--merge probable|never] [--overwrite-status]",
     N_("Reads a CSV sheet as Excel saves it (Thai Windows-874, UTF-8 or UTF-16; comma,\n"
        "semicolon or tab), a sheet of an .xlsx workbook (dates typed as dates, in any calendar),\n"
        "or a vCard file, checks every row with the rules of `khai add` and\n"
        "writes all of it in one transaction, or nothing. Columns are matched by name, English\n"
        "or Thai (the export's names, ชื่อ, นามสกุล, ชื่อ-นามสกุล, หน่วยงาน, โทรศัพท์, ...);\n"
        "others are reported and ignored. Google Contacts, Outlook (English or Thai) and\n"
        "Thunderbird exports are read by their own headers, and a vCard's UID (khai's own, or\n"
        "one imported before) finds its member.\n"
        "A row with the phone, e-mail or LINE ID of someone\n"
        "khai knows (or of an earlier row) is that person and updates them: each changed field\n"
        "is listed, and an empty cell erases nothing. A row with only the name of someone\n"
        "(another phone, e-mail, LINE ID, province or subdistrict) is someone else; with the\n"
        "name and nothing that tells them apart it is probably them: reported, and joined only\n"
        "with --merge probable. Organisations named are linked, or created. Attendance rows\n"
        "name an event (event_id, or title and date) and a person, who is added when new; a\n"
        "status is never lowered (attended stays attended), and a past event's people without\n"
        "a time checked in on its day. Bad rows are listed as FILE:LINE: reason. Prints: N\n"
        "added, M updated, K merged (rows about the same person as an earlier row), E rejected;\n"
        "rows that changed nothing are counted on a line of their own.\n"
        "  --encoding E  the file's encoding, when detecting it is not enough\n"
        "  --sheet NAME  the workbook's sheet to read (default: the first)\n"
        "  --skip-bad    import the good rows; the bad ones go, as they were, to\n"
        "                FILE.rejects.csv (FILE.rejects.vcf; FILE.rejects-2.csv and so on when\n"
        "                that exists) to be fixed and imported again; FILE - is standard input,\n"
        "                whose bad rows go to stdin.rejects.csv\n"
        "  --dry-run     check and report, write nothing\n"
        "  --merge M     probable: join probable duplicates to the member (or earlier row) they\n"
        "                probably are; never (default): add them as new people\n"
        "  --overwrite-status  attendance: a row's status may lower the one recorded\n")},
    {"export", cmd_export,
     "khai export members|orgs|events|attendance|tasks|invitations|series|goals|vcard|ical [-o "
     "FILE|-] "
     "[--force] [--format csv|xlsx] [--encoding utf-8-bom|utf-8|cp874] [--thai-dates] "
     "[--dates thai|iso] [--event ID] [--search TEXT] [--version 3.0|4.0]",
     N_("Writes records as CSV for Excel (a header of the column names, then one row per record\n"
        "in id order) or as an .xlsx workbook, members as vCards, or events and tasks as\n"
        "iCalendar, to standard output or to FILE. `khai import` reads back what it writes.\n"
        "  --encoding E   utf-8-bom (default: Excel shows Thai), utf-8, or cp874 for old Thai\n"
        "                 Excel; a character cp874 cannot hold is an error naming the row\n"
        "  --thai-dates   dates as 21 ก.ค. 2553 instead of 2010-07-21\n"
        "  --format F     csv (default) or xlsx (also when FILE ends in .xlsx): a workbook\n"
        "                 with a bold header row that stays in view, a filter, real date cells\n"
        "                 and phones and LINE IDs as text\n"
        "  --dates D      in a workbook, dates shown as thai (21 ก.ค. 2553, the default) or iso\n"
        "  --event ID     attendance, tasks or invitations of one event\n"
        "  --search TEXT  only what `khai list --search TEXT` shows\n"
        "  --version V    vCard 3.0 (default) or 4.0\n"
        "  -o FILE        the file to write (- is standard output); an existing one is kept\n"
        "                 unless --force\n"
        "  --force        replace FILE if it exists\n"
        "Phone numbers are written grouped (081-234-5678): Excel keeps such a cell as text, so\n"
        "the leading zero survives a round trip through Excel. A value that begins with =, +, -,\n"
        "@, a tab or a carriage return is written after a ' so that a spreadsheet never runs it\n"
        "as a formula; `khai import` takes that ' off again. Digits a spreadsheet would make a\n"
        "number of (a LINE ID 0812345678, 12 digits or more) are written as =\"0812345678\".\n")},
    {"print", cmd_print,
     "khai print signin|badges EVENT_ID [-o FILE.pdf] [--force] [--by name|group] [--blank N] "
     "[--paper a4|letter] [--layout L] | khai print report event|members|events "
     "[REPORT_OPTIONS] [-o FILE.pdf] [--force] [--paper a4|letter]",
     N_("Prints an event's sign-in sheet (ใบลงทะเบียน) or name badges as a PDF, to FILE or to\n"
        "standard output when that is not a terminal. Both list the event's invited, confirmed\n"
        "and attended people (not the absent or cancelled), in Thai dictionary order of given\n"
        "name, then family name. Thai is shaped by pango and cairo in the TLWG font Laksaman\n"
        "(Debian package fonts-thai-tlwg).\n"
        "signin: each page has the event's title, date (Buddhist Era), time, venue and host at\n"
        "the top, numbered rows with each person's name, organisation and phone and a column to\n"
        "sign in, and \"page 2 of 7\" at the foot.\n"
        "badges: one badge a person on A4 sheets of labels: the nickname large, the full name,\n"
        "the organisation and the breakout group, under the event's title.\n"
        "report: the reports of `khai report` (event ID [--by KEY], members --by KEY, events)\n"
        "with their bar charts drawn as vector graphics and page numbers; --paper a4 or letter.\n"
        "  -o FILE.pdf      the file to write; an existing one is kept unless --force\n"
        "  --force          replace FILE.pdf if it exists\n"
        "  --by name|group  name order (default), or by breakout group (the sheet puts each\n"
        "                   group on pages of its own under its name), people without a group\n"
        "                   last\n"
        "  --blank N        N empty rows (badges) at the end for walk-ins; on the sheet numbered,\n"
        "                   and with --by group on pages of their own\n"
        "  --paper P        signin: a4 (default) or letter\n"
        "  --layout L       badges: the sheet of labels, one of these:\n")},
    {"report", cmd_report,
     "khai report event ID [--by KEY] | members --by KEY | events [--from DATE] [--to DATE] "
     "[--org ORG] [--series ID] [--totals] | goals",
     N_("Counts for a network's reports, as a table with a bar chart and a total row; --tsv and\n"
        "--csv print a header row, then one row a line of the table (no chart, no headings or\n"
        "total row); --ascii draws the bars with #.\n"
        "event ID: people who came against the target, organisations represented, distinct\n"
        "  subdistricts, districts and provinces of those who came, each attendance status, each\n"
        "  quota category against its quota and those in none, breakout groups, roles, and the\n"
        "  reasons for absence and cancellation, counted; with invited organisations, how many\n"
        "  were invited, confirmed, cancelled, declined and came, why they cancelled or\n"
        "  declined, and who. Organisations, subdistricts, districts and provinces stand\n"
        "  against the event's targets for them. Columns of --tsv: section, key, label,\n"
        "  count, target, percent. Warns when the quotas add up to more than the target.\n"
        "event ID --by KEY: one row per organisation, province, district, subdistrict,\n"
        "  category, group, role, status, reason, tag or day (of an event of several days: a\n"
        "  person in the row of each day they came), with the count of each status and the\n"
        "  total. Columns: key, label, invited, confirmed, attended, absent, cancelled, total.\n"
        "members --by KEY: members per province, district, subdistrict, organisation (its\n"
        "  sub-organisations' members counted in), tag, skill, gender, or joined (by month, with\n"
        "  the running total). Columns: key, label, members (and running_total).\n"
        "events: the events from --from to --to (dates as elsewhere; either may be left open),\n"
        "  hosted by or partnered with --org, with target and turnout each (columns: id,\n"
        "  start_date, title, target, attended, percent), then the totals: events held (marked\n"
        "  held, or anyone came), attendances, people reached, organisations, subdistricts and\n"
        "  provinces, a person or place counted once however many events they came to.\n"
        "  --totals prints the totals alone; with --tsv as measure<TAB>value rows named events,\n"
        "  attendances, people, organisations, subdistricts, provinces.\n"
        "goals: each goal's count against its target with a bar, the percentage, the due date,\n"
        "  the pace so far and the date it was reached or will be at that pace. Columns of\n"
        "  --tsv and --csv: id, title, actual, target, percent, due, reached_on.\n")},
    {"demo", cmd_demo, "khai demo [--size small|large|huge]",
     N_("Fills an empty database with realistic synthetic data (small: a few hundred members;\n"
        "large: 100,000 members, 2,000 organisations, 5,000 events, 300,000 attendance rows,\n"
        "20,000 tasks; huge: ten times large, 1,000,000 members, for measuring speed).\n")},
    {"check", cmd_check, "khai check [--full]",
     N_("Checks the database's pages (SQLite's quick check) and foreign keys; exit status 1 "
        "when\nproblems are found. --full runs SQLite's full integrity check instead, which "
        "also\nchecks that every index holds exactly its table's rows (minutes on a large "
        "database).\nThen lists, as warnings, events whose quotas add up to more than their "
        "target,\n"
        "name a category nobody on the list has while others have categories with no quota,\n"
        "or have more categories than check-in can offer (9).\n")},
    {"backup", cmd_backup, "khai backup FILE",
     N_("Copies the database to FILE (which must not exist, nor be a link) while others may\n"
        "keep using it: the copy is written beside FILE, synced to disk and checked, and only\n"
        "then named FILE, so a backup cut short leaves no FILE.\n")},
    {"init", cmd_init, "khai init [--shared GROUP DIR]",
     N_("Makes the database (khai makes it too on first use). With --shared, the database of a\n"
        "team on one server: DIR (made when missing) belongs to Unix group GROUP with the\n"
        "setgid bit, and DIR/khai.db and the files SQLite keeps beside it can be read and\n"
        "written by everyone in the group and nobody else. Each member then runs\n"
        "khai --db DIR/khai.db (or sets KHAI_DB). Someone who can only read it (not in the\n"
        "group but given read access) opens it read-only and never locks the others out.\n")},
    {"recover", cmd_recover, "khai recover NEW",
     N_("Copies every row that can still be read of a damaged database (the one --db names)\n"
        "into a new database NEW, table by table, stepping over damaged pages, and says what\n"
        "it copied and what it could not read. The damaged file is only read. Use it when\n"
        "`khai check` finds damage and your last backup is too old.\n")},
    {"complete", cmd_complete, "khai complete [WORD...]",
     N_("Prints the words that can follow WORD... on a command line, one a line, for the\n"
        "shell's Tab completion (the bash completion that make install puts in place asks it).\n")},
    {"version", cmd_version, "khai --version", N_("Prints the version.\n")},
    {"help", cmd_help, "khai help [COMMAND]", N_("Shows help.\n")},
};

static const size_t ncommands = sizeof commands / sizeof commands[0];

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static void print_overview(FILE *out)
{
    fprintf(out, "khai (ข่าย) %s - %s\n\n", KHAI_VERSION,
            _("roster and event manager for Thai civil-society networks"));
    fprintf(out, _("usage: %s"), "khai [--db PATH] [--lang th|en] [COMMAND [ARGS]]");
    fprintf(out, "\n\n%s\n", _("With no command khai starts its screens. Commands:"));
    for (size_t i = 0; i < ncommands; i++)
        fprintf(out, "  %s\n", commands[i].usage);
    fprintf(out, "\n%s",
            _("The database is --db PATH, else $KHAI_DB, else\n"
              "$XDG_DATA_HOME/khai/khai.db (~/.local/share/khai/khai.db); the commands that\n"
              "write create it when missing (readable by you only), the others never do.\n"
              "`khai help COMMAND` or `khai COMMAND --help` says more.\n"));
}

void cli_print_help(const char *name)
{
    const struct command *c = find_command(name);
    if (!c) {
        print_overview(stdout);
        return;
    }
    printf(_("usage: %s"), c->usage);
    printf("\n\n%s", _(c->help));
    if (strcmp(name, "list") == 0 || strcmp(name, "show") == 0 || strcmp(name, "add") == 0 ||
        strcmp(name, "edit") == 0 || strcmp(name, "delete") == 0 || strcmp(name, "restore") == 0)
        fputs(_(kinds_help), stdout);
    if (strcmp(name, "print") == 0) cli_print_layouts(stdout);
    printf("\n%s\n", _("Global options: --db PATH, --lang th|en, --help."));
}

/* Messages quote what the user typed or what the data holds: sanitised like all output. */
int cli_fail(char *message)
{
    fputs("khai: ", stderr);
    print_safe(stderr, message ? message : _("unknown error"));
    fputc('\n', stderr);
    free(message);
    return EXIT_ERROR;
}

int cli_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    fputs("khai: ", stderr);
    print_safe(stderr, message);
    free(message);
    const struct command *c = find_command(command);
    fputc('\n', stderr);
    fprintf(stderr, _("usage: %s"), c ? c->usage : "khai --help");
    fputc('\n', stderr);
    return EXIT_USAGE;
}

bool cli_parse_id(const char *s, long long *id)
{
    char *end;
    if (!s || !*s || strlen(s) > 18) return false;
    *id = strtoll(*s == '#' ? s + 1 : s, &end, 10);
    return *end == '\0' && *id > 0;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return true;
    return false;
}

/* The value of an option given as --name VALUE or --name=VALUE; NULL when arg is not it. */
const char *cli_option(const struct cli *cli, int *i, const char *name, int *rc)
{
    const char *arg = cli->argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0) return NULL;
    if (arg[n] == '=') return arg + n + 1;
    if (arg[n] != '\0') return NULL;
    if (*i + 1 >= cli->argc) {
        *rc = EXIT_USAGE;
        return NULL;
    }
    return cli->argv[++*i];
}

static struct db *open_with(const struct cli *cli,
                            int (*opener)(const char *, struct db **, char **))
{
    struct db *db;
    char *err = NULL;
    if (opener(cli->db_path, &db, &err) != 0) {
        cli_fail(err);
        return NULL;
    }
    return db;
}

struct db *cli_open(const struct cli *cli)
{
    return open_with(cli, db_open);
}

struct db *cli_open_existing(const struct cli *cli)
{
    return open_with(cli, db_open_existing);
}

static int cmd_demo(const struct cli *cli)
{
    enum demo_size size = DEMO_SMALL;
    for (int i = 0; i < cli->argc; i++) {
        const char *v = NULL;
        if (strcmp(cli->argv[i], "--size") == 0 && i + 1 < cli->argc)
            v = cli->argv[++i];
        else if (strncmp(cli->argv[i], "--size=", 7) == 0)
            v = cli->argv[i] + 7;
        else
            return cli_usage("demo", _("unexpected argument \"%s\""), cli->argv[i]);
        if (strcmp(v, "small") == 0)
            size = DEMO_SMALL;
        else if (strcmp(v, "large") == 0)
            size = DEMO_LARGE;
        else if (strcmp(v, "huge") == 0)
            size = DEMO_HUGE;
        else
            return cli_usage("demo", _("--size is small, large or huge, not \"%s\""), v);
    }
    struct db *db = cli_open(cli);
    if (!db) return EXIT_ERROR;
    char *err = NULL;
    int rc = demo_fill(db, size, stderr, &err);
    db_close(&db);
    if (rc != 0) return cli_fail(err);
    printf(_("demo data written to %s\n"), cli->db_path);
    return EXIT_OK;
}

/* The problems check found, a line each, the first few of many. */
static void print_problems(const char *report)
{
    enum { SHOWN = 30 };
    int n = 0;
    for (const char *line = report; *line; n++) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (n < SHOWN) print_safe_lines(stderr, line, len);
        line += len + (end ? 1 : 0);
    }
    if (n > SHOWN)
        fprintf(stderr, P_("... and %d more\n", "... and %d more\n", n - SHOWN), n - SHOWN);
}

/* What to do with a damaged database, in the order that loses least. */
static void print_recovery(const char *path)
{
    char *text =
        xasprintf(_("What to do next:\n"
                    "  1. Stop every khai using it, and keep a copy: cp '%s' '%s.damaged'\n"
                    "  2. Go back to your last backup (`khai backup FILE` made it):\n"
                    "       cp FILE '%s' && khai --db '%s' check\n"
                    "  3. Or, when the backup is too old, copy what can still be read:\n"
                    "       khai --db '%s' recover '%s.recovered'\n"),
                  path, path, path, path, path, path);
    print_safe_lines(stderr, text, strlen(text));
    free(text);
}

static int cmd_check(const struct cli *cli)
{
    bool full = cli->argc == 1 && strcmp(cli->argv[0], "--full") == 0;
    if (cli->argc > (full ? 1 : 0))
        return cli_usage("check", _("unexpected argument \"%s\""), cli->argv[full ? 1 : 0]);
    char *report = NULL, *err = NULL, **warnings = NULL;
    size_t nwarnings = 0;
    struct db *db = NULL;
    /* Opened as it is, without upgrading it: a damaged file can still be checked. */
    int rc = db_open_for_check(cli->db_path, &db, &err);
    if (rc > 0) return cli_fail(err); /* nothing of khai's there */
    if (rc == 0) rc = db_check_depth(db, full, &report, &err);
    if (rc == 0 && quota_warnings(db, 0, &warnings, &nwarnings, &err) != 0) rc = -1;
    db_close(&db);
    if (rc != 0) {
        fputs("khai: ", stderr);
        fprintf(stderr, _("%s has problems:\n"), cli->db_path);
        print_problems(report ? report : err);
        if (rc != 1) print_recovery(cli->db_path);
        free(report);
        free(err);
        return EXIT_ERROR;
    }
    printf(_("ok: %s passed the integrity and foreign-key checks\n"), cli->db_path);
    /* Quotas that cannot be met are the coordinators' to fix, not damage: listed, exit 0. */
    for (size_t i = 0; i < nwarnings; i++) {
        char *said = xasprintf(_("warning: %s"), warnings[i]);
        print_safe(stdout, said);
        putchar('\n');
        free(said);
    }
    quota_warnings_free(warnings, nwarnings);
    return EXIT_OK;
}

static int cmd_recover(const struct cli *cli)
{
    if (cli->argc != 1 || cli->argv[0][0] == '-')
        return cli_usage("recover", _("recover takes one NEW file name for what can be read"));
    struct stat st;
    if (lstat(cli->argv[0], &st) == 0) {
        char *err = xasprintf(_("%s exists already: it was left as it is"), cli->argv[0]);
        return cli_fail(err);
    }
    struct recovery r;
    char *err = NULL;
    if (db_recover(cli->db_path, cli->argv[0], &r, &err) != 0) return cli_fail(err);
    bool damaged = false;
    for (size_t i = 0; i < r.n; i++) {
        damaged = damaged || r.tables[i].damaged;
        char *line = xasprintf(r.tables[i].damaged ? _("%s: %lld rows; some could not be read\n")
                                                   : _("%s: %lld rows\n"),
                               r.tables[i].name, r.tables[i].rows);
        print_safe_lines(stdout, line, strlen(line));
        free(line);
    }
    if (r.broken_links)
        printf(P_("%lld row points at a row that was lost (khai check lists it)\n",
                  "%lld rows point at rows that were lost (khai check lists them)\n",
                  r.broken_links),
               r.broken_links);
    char *done = xasprintf(damaged ? _("recovered what could be read into %s: check it with khai "
                                       "--db '%s' check, then use it in place of the damaged one\n")
                                   : _("copied everything into %s: check it with khai --db '%s' "
                                       "check\n"),
                           cli->argv[0], cli->argv[0]);
    print_safe_lines(stdout, done, strlen(done));
    free(done);
    recovery_free(&r);
    return EXIT_OK;
}

/* ---- completion for the shell: every candidate from the tables that define the commands,
 * the kinds and their fields, so it never drifts from what khai takes ---- */

static void offer(const char *candidate, const char *prefix)
{
    if (strncmp(candidate, prefix, strlen(prefix)) == 0) printf("%s\n", candidate);
}

/* Whether the option of n letters at p is named in usage before p too. */
static bool named_before(const char *usage, const char *p, size_t n)
{
    for (const char *q = strstr(usage, "--"); q && q < p; q = strstr(q + 2, "--"))
        if (strspn(q + 2, "abcdefghijklmnopqrstuvwxyz-") == n && strncmp(q, p, n + 2) == 0)
            return true;
    return false;
}

/* The options a command's usage names (--search, --sort...), placeholders (--FIELD) aside,
 * each once. */
static void offer_usage_options(const char *usage, const char *prefix)
{
    for (const char *p = strstr(usage, "--"); p; p = strstr(p + 2, "--")) {
        size_t n = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
        if (n == 0 || named_before(usage, p, n)) continue;
        char *option = xasprintf("--%.*s", (int)n, p + 2);
        offer(option, prefix);
        free(option);
    }
}

/* add and edit take a kind's fields as options. */
static void offer_field_options(const char *kind, const char *prefix)
{
    int k = kind_from_name(kind);
    if (k < 0) return;
    const struct kind_info *ki = kind_info((enum kind)k);
    for (int i = 0; i < ki->nfields; i++) {
        const struct field *f = &ki->fields[i];
        if (f->type == FT_ID || f->type == FT_DERIVED || (f->flags & FIELD_READONLY)) continue;
        char *option = xasprintf("--%s", f->name);
        for (char *c = option + 2; *c; c++)
            if (*c == '_') *c = '-';
        offer(option, prefix);
        free(option);
    }
}

/* The words the usage allows as the command's first argument: "members|orgs|..." or KIND. */
static void offer_first_argument(const char *usage, const char *prefix)
{
    const char *p = strchr(usage + strlen("khai "), ' ');
    if (!p) return;
    p++;
    size_t n = strcspn(p, " [");
    char *first = xasprintf("%.*s", (int)n, p);
    if (strcmp(first, "KIND") == 0) {
        static const char *const kinds[] = {"member", "org", "event", "task", "goal"};
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            offer(kinds[i], prefix);
    } else if (strchr(first, '|') || (*first >= 'a' && *first <= 'z')) {
        for (char *w = strtok(first, "|"); w; w = strtok(NULL, "|"))
            if (*w >= 'a' && *w <= 'z') offer(w, prefix);
    }
    free(first);
}

/* The values the usage line lists after an option ("--by province|district"): true when
 * it lists some. */
static bool offer_option_values(const char *usage, const char *option, const char *prefix)
{
    size_t n = strlen(option);
    for (const char *p = strstr(usage, option); p; p = strstr(p + n, option)) {
        if (p[n] != ' ' || (p > usage && p[-1] != '[' && p[-1] != ' ')) continue;
        const char *v = p + n + 1;
        size_t len = strcspn(v, " ]");
        if (!memchr(v, '|', len)) return false;
        char *values = xasprintf("%.*s", (int)len, v);
        for (char *w = strtok(values, "|"); w; w = strtok(NULL, "|"))
            offer(w, prefix);
        free(values);
        return true;
    }
    return false;
}

static int cmd_complete(const struct cli *cli)
{
    /* The words typed so far; the last is the one being completed. */
    int n = cli->argc;
    const char *current = n ? cli->argv[n - 1] : "";
    const char *previous = n > 1 ? cli->argv[n - 2] : "";
    if (strcmp(previous, "--lang") == 0) {
        offer("th", current);
        offer("en", current);
        return EXIT_OK;
    }
    if (strcmp(previous, "--db") == 0 || strcmp(previous, "-o") == 0) return EXIT_OK; /* files */
    /* The command: the first word that is neither a global option nor its value. */
    int at = 0;
    while (at < n - 1 && cli->argv[at][0] == '-')
        at += strcmp(cli->argv[at], "--db") == 0 || strcmp(cli->argv[at], "--lang") == 0 ? 2 : 1;
    if (at >= n - 1) {
        for (size_t i = 0; i < ncommands; i++)
            if (strcmp(commands[i].name, "complete") != 0) offer(commands[i].name, current);
        if (*current == '-') {
            static const char *const globals[] = {"--db", "--lang", "--help", "--version"};
            for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++)
                offer(globals[i], current);
        }
        return EXIT_OK;
    }
    const struct command *c = find_command(cli->argv[at]);
    if (!c) return EXIT_OK;
    if (*previous == '-' && offer_option_values(c->usage, previous, current)) return EXIT_OK;
    if (*current == '-') {
        offer_usage_options(c->usage, current);
        offer("--help", current);
        if ((c->run == cmd_add || c->run == cmd_edit) && at + 1 < n - 1)
            offer_field_options(cli->argv[at + 1], current);
    } else if (at == n - 2) {
        offer_first_argument(c->usage, current);
    }
    return EXIT_OK;
}

static int cmd_init(const struct cli *cli)
{
    if (cli->argc == 0) {
        struct db *db = cli_open(cli);
        if (!db) return EXIT_ERROR;
        printf(_("the database is %s\n"), db_path(db));
        db_close(&db);
        return EXIT_OK;
    }
    if (strcmp(cli->argv[0], "--shared") != 0)
        return cli_usage("init", _("unknown option \"%s\""), cli->argv[0]);
    if (cli->argc != 3) return cli_usage("init", _("--shared takes a Unix group and a directory"));
    char *path = NULL, *err = NULL;
    if (db_init_shared(cli->argv[2], cli->argv[1], &path, &err) != 0) return cli_fail(err);
    printf(_("made %s for group %s: its members run khai --db %s\n"), path, cli->argv[1], path);
    free(path);
    return EXIT_OK;
}

static int cmd_backup(const struct cli *cli)
{
    if (cli->argc != 1) return cli_usage("backup", _("backup takes one FILE (a new file name)"));
    if (cli->argv[0][0] == '-')
        return cli_usage("backup", _("unknown option \"%s\" (a file name cannot start with -)"),
                         cli->argv[0]);
    struct stat st;
    if (lstat(cli->argv[0], &st) == 0) /* a symbolic link too, even one to nothing */
        return cli_fail(xasprintf(_("%s exists: choose a new file name"), cli->argv[0]));
    struct db *db = cli_open_existing(cli);
    if (!db) return EXIT_ERROR;
    /* Written beside it, synced, checked and only then named FILE: a backup killed half-way
     * leaves no FILE that looks like a good, empty database. */
    struct outfile f = {.path = cli->argv[0]};
    char *err = NULL;
    int rc = outfile_begin(&f, &err);
    if (rc == 0) rc = outfile_finish(&f, db_backup(db, f.tmp_path, &err), &err);
    db_close(&db);
    if (rc != 0) return cli_fail(err);
    printf(_("backed up %s to %s\n"), cli->db_path, cli->argv[0]);
    return EXIT_OK;
}

static int cmd_version(const struct cli *cli)
{
    (void)cli;
    printf(_("khai %s (schema %d, SQLite %s)\n"), KHAI_VERSION, db_schema_version(),
           db_engine_version());
    return EXIT_OK;
}

static int cmd_help(const struct cli *cli)
{
    if (cli->argc == 0) {
        print_overview(stdout);
        return EXIT_OK;
    }
    if (!find_command(cli->argv[0])) return cli_usage("help", _("no command \"%s\""), cli->argv[0]);
    cli_print_help(cli->argv[0]);
    return EXIT_OK;
}

/* Takes --db and --lang out of argv wherever they stand; the rest belongs to the command. */
static int take_global_options(int argc, char **argv, struct cli *cli, const char **lang,
                               char ***rest, int *nrest)
{
    *rest = xcalloc((size_t)argc + 1, sizeof **rest);
    *nrest = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (*nrest == 0 && strcmp(a, "complete") == 0) {
            /* The words to complete are the shell's, half-typed options too: all kept. */
            for (; i < argc; i++)
                (*rest)[(*nrest)++] = argv[i];
            break;
        }
        const char *value = NULL;
        bool is_db = strcmp(a, "--db") == 0, is_lang = strcmp(a, "--lang") == 0;
        if (is_db || is_lang) {
            if (i + 1 >= argc) return cli_usage("", _("%s needs a value"), a);
            value = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            is_db = true;
            value = a + 5;
        } else if (strncmp(a, "--lang=", 7) == 0) {
            is_lang = true;
            value = a + 7;
        }
        if (is_db)
            cli->db_path = value;
        else if (is_lang && strcmp(value, "th") != 0 && strcmp(value, "en") != 0)
            return cli_usage("", _("--lang is th or en, not \"%s\""), value);
        else if (is_lang) {
            *lang = value;
            messages_init(settings_thai(value)); /* errors in the options after it speak it */
        } else
            (*rest)[(*nrest)++] = argv[i];
    }
    return EXIT_OK;
}

static int run_command(struct cli *cli, char **rest, int nrest)
{
    if (nrest == 0) {
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fprintf(stderr, "khai: %s\n",
                    _("the screens need a terminal; without one use the commands (khai --help)"));
            return EXIT_USAGE;
        }
        return tui_run(cli->db_path);
    }
    const char *name = rest[0];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        name = "version";
    else if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    const struct command *c = find_command(name);
    if (!c) {
        char *said = xasprintf(_("unknown command \"%s\""), name);
        fputs("khai: ", stderr);
        print_safe(stderr, said);
        fputs("\n\n", stderr);
        free(said);
        print_overview(stderr);
        return EXIT_USAGE;
    }
    cli->argc = nrest - 1;
    cli->argv = rest + 1;
    if (c->run != cmd_help && c->run != cmd_complete && cli_wants_help(cli->argc, cli->argv)) {
        cli_print_help(c->name);
        return EXIT_OK;
    }
    return c->run(cli);
}

int cli_main(int argc, char **argv)
{
    struct cli cli = {0};
    const char *lang = NULL;
    char **rest;
    int nrest;
    char *default_path = NULL;
    /* The language of the configuration or the environment until --lang says otherwise. */
    messages_init(settings_thai(NULL));
    int rc = take_global_options(argc, argv, &cli, &lang, &rest, &nrest);
    if (rc == EXIT_OK) {
        if (!cli.db_path)
            cli.db_path = getenv("KHAI_DB") && *getenv("KHAI_DB") ? getenv("KHAI_DB") : NULL;
        if (!cli.db_path) cli.db_path = default_path = db_default_path();
        rc = run_command(&cli, rest, nrest);
    }
    free(rest);
    free(default_path);
    return rc;
}
