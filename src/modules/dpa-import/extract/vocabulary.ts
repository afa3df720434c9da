// Phrases DPAs use, mapped to the keys of tilsyn's vocabularies (data categories, data subject
// categories, measures, supervision methods, countries). Danish and English side by side.
import dataCategories from "../../../reference/data-categories.json";
import dataSubjectCategories from "../../../reference/data-subject-categories.json";
import measures from "../../../reference/measures.json";

export type PhraseTable = [key: string, phrases: string[]][];

export const DATA_CATEGORY_PHRASES: PhraseTable = [
  ["user.name", ["navn", "navne", "name", "names", "full name"]],
  // A social account's name ("social media handle", "profilnavn") is the person's username there; "handle" alone is
  // read only as an item of a list of data (listItemWords), for the verb.
  [
    "user.account.username",
    [
      "brugernavn",
      "brugernavne",
      "username",
      "usernames",
      "user name",
      "user names",
      "social media handle",
      "social media handles",
      "social handle",
      "social handles",
      "profilnavn",
      "profilnavne",
    ],
  ],
  // Where a person works. Not "organization": DPAs say it of their own ("internal organization", "organisational").
  // "name of employer": the company a person works for, in a list of their data.
  ["user.workplace", ["arbejdsplads", "arbejdsgiver", "workplace", "employer", "employer name", "name of employer"]],
  // Not the English "account data": it heads lists of what an account holds ("**Account data:** name, email").
  // "account metadata": what an account holds, named as such in a list of data.
  ["user.account", ["kontooplysninger", "kontodata", "account metadata"]],
  [
    "user.behavior.product_usage",
    [
      "brugsdata",
      "brugs- og logdata",
      "usage data",
      "product usage data",
      // "analytics, product-usage and event data": the hyphenated form in a list.
      "product-usage",
      "product usage",
      "user activity logs",
      "user activity data",
      "usage logs",
      "usage information",
      "usage statistics",
      "anvendelsesdata",
      // What a person did in the service: "actions performed", "user actions", "foretagne handlinger".
      "actions performed",
      "user actions",
      "foretagne handlinger",
      // Metadata or telemetry of use ("Usage metadata (timestamps, query counts)", "Usage telemetry").
      "usage metadata",
      "usage telemetry",
      // What a person did, as a page lists it: "Usage and activity data", "preferences, usage history".
      "usage and activity data",
      "usage history",
      // Logs of the actions a user took, in a list of data: "email addresses, IP addresses, action logs".
      "action logs",
      // Logs of what people did in the service: "plan milestones, messages, and activity logs".
      "activity logs",
      "activity log",
      // What a person did, as a CRM keeps it: "activity history", "open and click events".
      "activity history",
      "open and click events",
      // Sign-ins as an identity or team tool logs them: "sign-in events", "session activity", "the activity feed".
      "sign-in events",
      "login events",
      "session activity",
      "activity feed",
      // Who did what, as a list of data names it: "audit events (who did what, when)", "login logs". Not "audit logs",
      // which a list of measures or of what is encrypted names too.
      "audit events",
      "login logs",
      "login history",
    ],
  ],
  [
    "user.contact.email",
    [
      "e-mailadresse",
      "e-mailadresser",
      "emailadresse",
      "emailadresser",
      "mailadresse",
      "mailadresser",
      "e-mail",
      "email",
      "mail",
      "e-mail address",
      "email address",
      "e-mail addresses",
      "email addresses",
    ],
  ],
  [
    "user.contact.phone_number",
    [
      "telefonnummer",
      "telefonnumre",
      "telefon",
      "mobilnummer",
      "mobilnumre",
      "phone number",
      "telephone number",
      // In the plural, as a list writes a kind of data ("telephone numbers, email addresses").
      "phone numbers",
      "telephone numbers",
      "phone",
      // "telephone or mobile number": the second of two joined by "or".
      "mobile number",
      "mobile numbers",
    ],
  ],
  [
    "user.contact.address",
    [
      "adresse",
      "adresser",
      "postadresse",
      "postadresser",
      "address",
      "postal address",
      "postal addresses",
      "business address",
      "business addresses",
      // Where post or a bill is sent ("mailing addresses, billing addresses").
      "mailing address",
      "mailing addresses",
      "billing address",
      "billing addresses",
    ],
  ],
  [
    "user.device.ip_address",
    ["ip-adresse", "ip-adresser", "ip adresse", "ip adresser", "ip address", "ip addresses", "ip"],
  ],
  [
    "user.device.device_id",
    [
      "enheds-id",
      "enheds-id'er",
      "device identifiers",
      "device identifier",
      "device ids",
      "device id",
      // The token a push service addresses one device by.
      "push notification token",
      "push notification tokens",
      "push tokens",
      // Firebase Cloud Messaging's name for it: "FCM token", "FCM tokens".
      "fcm token",
      "fcm tokens",
      "push token",
    ],
  ],
  ["user.device.cookie_id", ["cookie-id", "cookie identifiers", "cookie ids"]],
  [
    "user.behavior.browsing_history",
    [
      "browsingdata",
      "browsing history",
      "browsing behaviour",
      "online behaviour",
      "online behavior",
      "onlineadfærd",
      "browsing behaviours",
      "browsing behavior",
      "browsing behaviors",
      "andre hjemmesider besøgt",
      // "navigational data (including website usage information)": the pages a person went through.
      "navigational data",
      "navigation data",
      "navigationsdata",
      // The pages a person saw and where they came from, as analytics lists them.
      "page urls",
      "page url",
      "pages visited",
      "visited pages",
      "pages viewed",
      "viewed pages",
      "page views",
      "pageviews",
      "referrer",
      "referrers",
      "referral source",
      "referral sources",
      "landing page",
      "landing pages",
      "clickstream",
      "clickstream data",
      "interaction events",
      "besøgte sider",
      "sidevisninger",
    ],
  ],
  [
    "user.content.self_image",
    [
      "foto",
      "fotos",
      "billede",
      "billeder",
      "photo",
      "photos",
      "photographs",
      "fotografier",
      // Images said to show people ("images that may depict identifiable individuals"), not images in general.
      "images depicting",
      "images that depict",
      "images that may depict",
      "images of individuals",
      "images of people",
      "profile picture",
      "profile pictures",
      "profile photo",
      "profile photos",
      "profilbillede",
      "profilbilleder",
      // A person's likeness ("images, likeness", "portrætter"): their image, whatever shows it.
      "likeness",
      "likenesses",
      "portrait",
      "portraits",
      "portræt",
      "portrætter",
    ],
  ],
  [
    "user.payment",
    [
      "payment information",
      "payment details",
      "payment data",
      "billing information",
      "billing details",
      "betalingsoplysninger",
      "faktureringsoplysninger",
      "payment records",
      "payment references",
      "transaction data",
      "transaktionsdata",
      "order data",
      "ordredata",
      // A card's data as kept after payment ("Payment card data:", "last four digits of card").
      "payment card data",
      "payment card details",
      "last four digits",
      // Whether a bill was paid: "invoice amounts, payment status".
      "payment status",
    ],
  ],
  [
    "user.demographic.language",
    ["preferred language", "language preference", "language preferences", "sprogpræference", "language", "sprog"],
  ],
  // "biometric" alone in a list of data ("Clock in/out, GPS, biometric").
  ["user.biometric", ["biometric data", "biometriske data", "biometriske oplysninger", "biometric"]],
  [
    "user.content.audio_recording",
    [
      "stemme",
      "stemmeoptagelse",
      "stemmeoptagelser",
      "lydfil",
      "lydfiler",
      "lydoptagelse",
      "lydoptagelser",
      "voice recordings",
      // The singular in a list of a call's data: "phone number, voice recording, call transcript".
      "voice recording",
      "call recording",
      "audio recordings",
      // Audio with or without the picture: "audio/video recordings", "audio and video recordings".
      "audio/video recordings",
      "audio/video recording",
      "audio and video recordings",
      "audio or video recordings",
      "call recordings",
      // The singular, as a list names one kind ("Audio recording of the call").
      "audio recording",
      "call recording",
      // The audio of a call as a list names it: "call audio (held by our voice provider)".
      "call audio",
      // A person's voice as data ("voice data", "voice samples", "stemmedata"): recorded or cloned, audio of them.
      "voice data",
      "voice samples",
      "stemmedata",
      "stemmeprøver",
      // "Voice and audio data from all interactions".
      "audio data",
    ],
  ],
  [
    "user.job_title",
    [
      "titel",
      "stillingsbetegnelse",
      "stilling",
      "job title",
      "job titles",
      // "employee names, email addresses, job roles": the role a person holds, as its title.
      "job role",
      "job roles",
      "title",
      "occupational details",
      "occupation",
      // A person's role at work by another word ("job role", "staff role").
      "job role",
      "job roles",
    ],
  ],
  [
    "user.unique_id",
    [
      "bruger id",
      "bruger-id",
      "user id",
      "user ids",
      "brugeridentifikations-id",
      "brugeridentifikations-id'er",
      "unikke brugeridentifikations-id'er",
      "account identifiers",
      "account identifier",
      // An identifier qualified as the user's ("User identifiers, email addresses"); "identifiers" alone has no key.
      "user identifiers",
      "user identifier",
      // "unique IDs collected from mobile devices".
      "unique ids",
      "unique identifiers",
      "unikke id'er",
      "user identifiers",
      "user identifier",
      "account id",
      "account ids",
      "unique identifiers",
      "medarbejdernummer",
      "kundenummer",
      // An employee's number in an HR or identity system: "employee IDs", "employee reference".
      "employee ids",
      "employee id",
      "employee numbers",
      "employee reference",
      // A number that identifies a person's card or account ("et serienummer, der identificerer kortet").
      "serienummer",
      "serial number",
      "customer number",
      // A pupil's or employee's number in a school or HR system.
      "student identifiers",
      "student identifier",
      "student ids",
      "student id",
      "pupil identifiers",
      "elevnummer",
      "elev-id",
    ],
  ],
  // Technical logs kept to run the service ("Technical / diagnostic logs", "systemlogs").
  [
    "system.operations",
    ["diagnostic logs", "technical logs", "system logs", "application logs", "systemlogs", "tekniske logs", "logfiler"],
  ],
  // An identifier alone ("hashet identifikator" in a log, "social sign-up identifiers") has no clear key; one
  // qualified as pseudonymised ("MitID-identifikator (pseudonymiseret)") has.
  [
    "user.unique_id.pseudonymous",
    [
      "identifikator (pseudonymiseret)",
      "identifikatorer (pseudonymiserede)",
      "identifier (pseudonymised)",
      "identifiers (pseudonymised)",
      "identifier (pseudonymized)",
      "identifiers (pseudonymized)",
      "id (pseudonymiseret)",
      "pseudonymiseret id",
      "pseudonymiserede id'er",
      "pseudonymiseret identifikator",
      "pseudonymiserede identifikatorer",
      "pseudonymous identifier",
      "pseudonymous identifiers",
      "pseudonymised identifier",
      "pseudonymised identifiers",
      "pseudonymized identifier",
      "pseudonymized identifiers",
    ],
  ],
  [
    "user.authorization.credentials",
    [
      "credentials",
      "login credentials",
      "authentication credentials",
      "login details",
      "log-in details",
      // "sign-in details", "sign-in credentials": a login by another word.
      "sign-in details",
      "sign-in credentials",
      "sign-in information",
      "login information",
      "loginoplysninger",
      "login-oplysninger",
      "log-in-oplysninger",
      "adgangsoplysninger",
      "legitimationsoplysninger",
      // Tokens and keys are credentials only where the document lists them as personal data (see dataCategories).
      "api tokens",
      "api token",
      "access tokens",
      "access token",
      "integration tokens",
      "integration token",
      "authentication tokens",
      "api keys",
      "api key",
      "api-nøgler",
      "api-nøgle",
      "adgangstokens",
      "integrationstokens",
    ],
  ],
  [
    "user.authorization.password",
    ["hashed password", "hashed passwords", "password", "passwords", "adgangskode", "adgangskoder", "kodeord"],
  ],
  [
    "user.location",
    [
      "brugerlokation",
      "lokation",
      "lokationsoplysninger",
      "lokationsdata",
      "location data",
      "geolocation",
      "geolocation data",
      "geografisk placering",
      "geographic region",
      "geographical region",
      "geographic location",
      "geographical location",
      "approximate location",
      "geografisk region",
      "geografisk lokation",
      // A position as a device or an app gives it: "GPS routing", "Latitude and longitude at sign-in", "geo-IP".
      "gps",
      "latitude and longitude",
      "geo-ip",
    ],
  ],
  [
    "user.contact",
    [
      "kontaktoplysninger",
      "kontaktinformationer",
      "contact details",
      "contact information",
      "contact identifier",
      // The short forms lists use: "Contact info", "names and contact data", "kontaktdata", "kontaktinfo".
      "contact info",
      "contact data",
      "kontaktdata",
      "kontaktinfo",
    ],
  ],
  [
    "user.content.transcript",
    // A shortened one too: "transcript previews of up to 500 characters". Not "transcript" alone, which a sentence
    // names in passing ("captured in a recording or transcript").
    // A call's own: "call transcript", "call transcripts".
    [
      "transskription",
      "transskriptioner",
      "transskriberinger",
      "transcripts",
      "transcriptions",
      "transcript previews",
      "call transcript",
      "call transcripts",
    ],
  ],
  [
    "user.content.communication",
    [
      "supporthenvendelser",
      "support communications",
      "support tickets",
      "supportkorrespondance",
      "communication data",
      // What a call said, summed up: "call summary", "call summaries".
      "call summary",
      "call summaries",
      "communication content",
      "communications content",
      "content of communications",
      "message content",
      "correspondence",
      "korrespondance",
      // Records and logs of what people wrote or said ("communication records", "chat history", "samtalehistorik").
      "communication records",
      "communications records",
      "communication history",
      "communication logs",
      "chat messages",
      "chat history",
      "chat logs",
      "conversation history",
      "conversation logs",
      "kommunikationshistorik",
      "chatbeskeder",
      "chathistorik",
      "samtalehistorik",
      // What a chat or a call holds: "Conversation content — messages exchanged with the assistant", "call summaries".
      "conversation content",
      "call summaries",
      // What a sales tool sends people: "outreach content and delivery", "email content".
      "outreach content",
      "email content",
    ],
  ],
  [
    "user.behavior.purchase_history",
    [
      "bestillingsoplysninger",
      "ordrehistorik",
      "købshistorik",
      "purchase history",
      "order history",
      // What is in a shop's basket: what the person buys.
      "cart contents",
      "shopping cart",
      "shopping carts",
      "basket contents",
      "order contents",
      "indkøbskurv",
      "indkøbskurve",
    ],
  ],
  ["user.behavior", ["adfærd", "behaviour", "behavior"]],
  ["user.health_and_medical.sick_leave", ["sygefravær", "sygedage", "sick leave", "sickness absence"]],
  [
    "user.health_and_medical",
    [
      "helbredsoplysninger",
      "helbredsoplysning",
      "helbredsforhold",
      "helbred",
      "health data",
      "health information",
      "health-related",
      // "Mental health and wellbeing data": the kind of health named first.
      "mental health",
      // A person's health named by what it is ("diagnosed medical conditions", "current medications").
      "medical conditions",
      "medications",
      // A doctor's statement of a person's illness, as leave and HR systems keep it.
      "medical certificate",
      "medical certificates",
      "medical certs",
      // A child's or patient's vaccinations as a care provider records them: "Child immunization records".
      "immunization records",
      "immunisation records",
      "vaccination records",
    ],
  ],
  ["user.employment.satisfaction", ["medarbejdertilfredshed", "employee satisfaction"]],
  [
    "user.employment.working_hours",
    [
      "arbejdstid",
      "arbejdstimer",
      "vikartimer",
      "tidsoplysninger",
      "working hours",
      "working time",
      // Hours as a practice or HR tool records them: "staff attendance & time logs", "timesheets". Not
      // "attendance" alone: a pupil's at school, a guest's at an event.
      "staff attendance",
      "employee attendance",
      "time logs",
      "timesheets",
      "timesheet data",
      // An HR tool's attendance: "Clock in/out, GPS".
      "clock in/out",
      "clock-in/out",
      "clock-ins",
    ],
  ],
  [
    "user.employment.salary",
    [
      "løn",
      "lønoplysninger",
      "salary",
      "salaries",
      "pay",
      "remuneration",
      "wages",
      "payroll data",
      "payroll information",
      "aflønning",
      "lønforhold",
      // Pay and benefits as lists name them: "compensation and benefits information", "pension … scheme information",
      // "payroll structure data".
      "compensation and benefits",
      "compensation data",
      "compensation information",
      "pension",
      "pensions",
      "pension information",
      "payroll structure",
      // "Staff: name, role, payroll": the pay a person gets.
      "payroll",
    ],
  ],
  ["user.employment.seniority", ["anciennitet", "seniority"]],
  [
    "user.employment.performance",
    [
      "performance evaluations",
      "performance evaluation",
      "performance reviews",
      "performance appraisals",
      "appraisals",
    ],
  ],
  // "Employment and education information", "oplysninger om ansættelsesforhold": the employment as such.
  [
    "user.employment",
    [
      "employment",
      "employment information",
      "employment details",
      "employment history",
      // The leave an employee took or asked for ("Leave records including dates, types, reasons").
      "leave records",
      "leave requests",
      "leave history",
      "ansættelsesforhold",
      "ansættelsesoplysninger",
      "ansættelsesforholdet",
    ],
  ],
  ["user.demographic.gender", ["køn", "gender"]],
  [
    "user.demographic.date_of_birth",
    [
      "fødselsdato",
      "fødselsdatoer",
      "date of birth",
      "dates of birth",
      // "date and place of birth": the date named with the place, which has no key of its own.
      "date and place of birth",
      "birthdate",
      "birthdates",
      "birth date",
      // Part of the date only ("birth month and year", "fødselsår"): still the date of birth as written.
      "birth month",
      "birth year",
      "year of birth",
      "month and year of birth",
      "fødselsår",
      "fødselsmåned",
    ],
  ],
  [
    "user.demographic.trade_union_membership",
    ["fagforeningsmæssigt tilhørsforhold", "fagforeningsmedlemskab", "trade union membership"],
  ],
  [
    "user.government_id.national_identification_number",
    [
      "cpr-nummer",
      "cpr-numre",
      "cpr-nr.",
      "cpr",
      "personnummer",
      "national identification number",
      "social security number",
      "social security numbers",
      "social security details",
      "civil registration number",
      // A person's number in a state's national register (Belgium's, Portugal's), as written in English.
      "national registration number",
      "national registration numbers",
      // "national ID", "tax file numbers": a person's number with the state, by its short or its tax name.
      "national id",
      "national ids",
      "national identity number",
      "national identity numbers",
      "tax file number",
      "tax file numbers",
      // Other states' names for it: Ireland's PPS number, the United Kingdom's National Insurance number.
      "pps number",
      "pps numbers",
      "personal public service number",
      "personal public service numbers",
      "national insurance number",
      "national insurance numbers",
    ],
  ],
  // Identifiers the state issues, named as a kind ("other government identifiers").
  [
    "user.government_id",
    [
      "government identifiers",
      "government identification numbers",
      "government-issued identifiers",
      "government ids",
      // A person's papers as a check reads them: "Identity document information (passport, driving licence)".
      "identity documents",
      "identity document",
      "identification documents",
    ],
  ],
  // Money matters as a kind ("financial and tax information", "financial data").
  [
    "user.financial",
    [
      "financial information",
      "financial data",
      "financial and tax information",
      "økonomiske oplysninger",
      // A client's accounts as an accountant's or a bookkeeper's tool holds them ("financial figures and documents").
      "financial figures",
      "financial records",
      // A person's money as a service records it: "financial-profile data", "account balances and holdings".
      "financial profile",
      "financial-profile",
      "financial profiles",
      "account balances",
    ],
  ],
  [
    "user.financial.bank_account",
    [
      "kontonummer",
      "kontonumre",
      "bankkontonummer",
      "bankkontonumre",
      "bankoplysninger",
      "bankkontooplysninger",
      "bank account",
      "bank accounts",
      "bank account number",
      "bank account numbers",
      // Longer than "account identifiers" (user.unique_id), so the bank account is read, not a user id.
      "bank account identifiers",
      "bank account identifier",
      // "Bank details for rent payments": a bank account's details.
      "bank details",
      "bank account details",
      "banking information",
      "banking details",
      "iban",
      "ibans",
    ],
  ],
  // A person's income, named as a kind of data ("income, assets, banking information").
  ["user.financial.income", ["income", "indkomst"]],
  [
    "user.financial.credit_card",
    ["credit card number", "credit card numbers", "card details", "kortoplysninger", "kreditkortoplysninger"],
  ],
  ["user.social_circumstances", ["sociale forhold", "social circumstances"]],
  ["user.criminal_history", ["strafbare forhold", "straffedomme", "criminal convictions", "criminal offences"]],
  // A person's choices on cookies and consent: "Cookie preferences and data processing consents".
  [
    "user.privacy_preferences",
    [
      "oplysninger om permissions",
      "permissions",
      "samtykkeoplysninger",
      "consent records",
      "cookie preferences",
      "consent preferences",
    ],
  ],
];

export const DATA_SUBJECT_PHRASES: PhraseTable = [
  [
    "employee",
    [
      "medarbejdere",
      "ansatte",
      "personale",
      "personalet",
      "employees",
      "staff",
      "personnel",
      "team members",
      "teammedlemmer",
      "workers",
    ],
  ],
  // Self-employed people who work for the controller, "contractors" and "subcontractors" ("your
  // employees/subcontractors") among them.
  ["consultant", ["konsulenter", "freelancere", "consultants", "freelancers", "contractors", "subcontractors"]],
  [
    "prospect",
    [
      "potentielle kunder",
      "prospects",
      "leads",
      // A lead's data names the lead: "Lead names, phone numbers", "lead details".
      "lead names",
      "lead data",
      "lead details",
      "lead information",
      "prospective customers",
      "prospective clients",
      "potential customers",
      "potential clients",
    ],
  ],
  [
    "customer",
    [
      "kunder",
      "slutkunder",
      "customers",
      "clients",
      "har haft samhandel",
      "købere",
      "buyers",
      "shoppers",
      // People who buy as private persons: "consumers", "forbrugere".
      "consumers",
      "forbrugere",
      // A restaurant's customers: "diners who place orders".
      "diners",
      // "Client contacts", "customer contacts": the people at the controller's clients, longer than "contacts"
      // (contact_person) so the client is read, as "supplier contacts" are.
      "client contacts",
      "customer contacts",
    ],
  ],
  // The other side of a deal ("customers, suppliers … and other counterparties").
  ["business_partner", ["samarbejdspartnere", "business partners", "counterparties", "modparter", "partners"]],
  [
    "end_user",
    [
      "slutbrugere",
      "brugere af platformen",
      "brugere",
      "end users",
      "end-users",
      "users of the platform",
      "users",
      // Members of a workspace or team in the service ("workspace members and invitees"): its users, not an
      // association's members.
      "workspace members",
      "team members",
      "invitees",
      "invited users",
      // Who holds an account in the service: "account holders", "kontohavere".
      "account holders",
      "kontohavere",
      "teammedlemmer",
      "inviterede brugere",
      // "Individuals … that sign up to the Service": the service's users.
      "sign up to the service",
      "sign up for the service",
      "signs up to the service",
      "signs up for the service",
    ],
  ],
  // "Authorized contacts of the Customer (for example, billing and security contacts)".
  // "Customer's billing contact": the person named for invoices, one contact or several.
  ["contact_person", ["kontaktpersoner", "contact persons", "contacts", "billing contact", "billing contacts"]],
  ["administrator", ["administratorer", "administrators"]],
  ["newsletter_subscriber", ["tilmeldt nyhedsbreve", "samtykke til modtagelse af e-mails", "newsletter subscribers"]],
  [
    "job_applicant",
    [
      // Not "ansøgere"/"applicants" alone: citizens apply for benefits ("Borgere (ansøgere)").
      "jobansøgere",
      "jobsøgende",
      "kandidater",
      "job applicants",
      "job seekers",
      "candidates",
      "apply for a job",
      "apply for jobs",
    ],
  ],
  ["patient", ["patienter", "patients"]],
  // "Students" at a school or a tutoring centre: its pupils.
  ["child.pupil", ["elever", "skoleelever", "pupils", "students"]],
  ["child", ["børn", "children", "minors", "mindreårige"]],
  ["passenger", ["passagerer", "passengers"]],
  // People in training at the controller: "trainees", "interns", "apprentices", "praktikanter", "lærlinge".
  ["trainee", ["trainees", "interns", "apprentices", "praktikanter", "lærlinge"]],
  ["citizen", ["borgere", "citizens"]],
  ["relative", ["pårørende", "relatives"]],
  ["member", ["medlemmer", "members"]],
  ["website_visitor", ["besøgende på hjemmesiden", "website visitors"]],
  // Guests of premises, events or stays ("gæster"); not bare "visitors", which the labels read as a website's users.
  ["visitor", ["guests", "gæster"]],
  // "Supplier contacts": the people at suppliers, longer than "contacts" (contact_person) so the supplier is read.
  ["supplier_contact", ["leverandører", "suppliers", "supplier contacts"]],
  // Vendors as people the controller buys from, beside its staff and users.
  ["supplier_vendor", ["vendors"]],
  ["shareholder", ["ejere", "aktionærer", "anpartshavere", "shareholders", "owners"]],
];

export const MEASURE_PHRASES: PhraseTable = [
  [
    "encryption.in_transit",
    [
      "i transit",
      "in transit",
      "ssl-certifikat",
      "https",
      "tls",
      "transmission af følsomme",
      "krypteret datatrafik",
      "krypteret forbindelse",
      "sikre forbindelser",
      "encrypted connections",
    ],
  ],
  [
    "encryption.at_rest",
    ["under opbevaring", "at rest", "i hvile", "opbevares krypteret", "krypterede databaser", "encrypted storage"],
  ],
  [
    "encryption.endpoint",
    [
      "arbejdsstationer og enheder med adgangskoder og kryptering",
      "harddiskkryptering",
      "diskkryptering",
      "disk encryption",
      "encrypted laptops",
    ],
  ],
  [
    "encryption.credentials",
    ["adgangskoder, der opbevares", "krypterede adgangskoder", "hashed passwords", "passwords are stored encrypted"],
  ],
  ["pseudonymisation", ["pseudonymiser", "pseudonymis"]],
  [
    "access.least_privilege",
    [
      "adgang til personoplysninger er begrænset",
      "autorisationer til enkeltpersoner",
      "alene medarbejdere med arbejdsrelaterede",
      "arbejdsbetinget behov",
      "least privilege",
      "need-to-know",
      "work-related need",
    ],
  ],
  [
    "access.lifecycle",
    [
      "tilbagekaldelse af tilladelser",
      "tildeling af rettigheder",
      "fratrådte medarbejderes rettigheder",
      "access is revoked",
      "revocation of access",
    ],
  ],
  [
    "access.review",
    [
      "verificerer regelmæssigt brugerautorisationer",
      "adgangsrettigheder gennemgås",
      "access rights are reviewed",
      "review of access rights",
    ],
  ],
  [
    "access.privileged",
    ["adgang til produktionsmiljø", "tilgang til produktionsmiljø", "privilegeret adgang", "privileged access"],
  ],
  [
    "authentication.unique_user_ids",
    [
      "brugernavn og adgangskode",
      "unik autorisation",
      "individuelle adgangskoder",
      "unique user",
      "individual user accounts",
    ],
  ],
  [
    "authentication.password_policy",
    [
      "sammensætning af adgangskoder",
      "adgangskodeprocedurer",
      "adgangskodepolitik",
      "password policy",
      "password requirements",
    ],
  ],
  [
    "authentication.mfa",
    ["multi factor", "multifactor", "multi-factor", "2-faktor", "to-faktor", "tofaktor", "two-factor", "mfa"],
  ],
  ["authentication.lockout", ["adgang blokeres", "afviste adgangsforsøg", "account lockout", "locked after"]],
  ["endpoint.screen_lock", ["pauseskærm", "adgangsbeskyttelse under inaktivitet", "screen lock"]],
  [
    "logging.activity",
    [
      "logning af adgang",
      "logges og kan kontrolleres",
      "sporbarhed",
      "sikrer logning",
      "logging of access",
      "access is logged",
      "activity logging",
    ],
  ],
  [
    "logging.failed_access_monitoring",
    ["mislykkede loginforsøg", "mislykkede forsøg", "failed login", "failed access attempts"],
  ],
  [
    "logging.log_protection",
    [
      "sikkerhedsloggene kan gemmes",
      "beskyttet mod sletning og manipulation",
      "stikprøvekontroller",
      "logs are protected",
    ],
  ],
  [
    "monitoring.security_operations",
    ["security operation center", "security operations center", "siem", "sikkerhedsovervågning"],
  ],
  ["malware.protection", ["antivirus", "anti-malware", "malware", "virus protection"]],
  [
    "network.security",
    ["netværksbeskyttelse", "beskytte systemer og netværk", "firewall", "network protection", "network security"],
  ],
  [
    "network.remote_access",
    ["vpn", "ekstern adgang", "hjemmearbejdspladser", "ad hoc arbejdspladsen", "fjernadgang", "remote access"],
  ],
  [
    "vulnerability.management",
    [
      "owasp",
      "sårbarheder",
      "software af høj kvalitet, som opdateres",
      "patch management",
      "vulnerability scanning",
      "vulnerabilities",
    ],
  ],
  ["testing.penetration", ["ethical hacker", "penetrationstest", "penetration test", "pentest"]],
  [
    "backup.regular",
    ["daglig backup", "sikkerhedskopiering af", "daily backup", "regular backup", "backups are taken"],
  ],
  [
    "backup.segregated_storage",
    ["fysisk adskilt", "sikkerhedskopierne opbevares", "stored separately", "separate location"],
  ],
  ["backup.restore_procedure", ["gendanne data fra backup", "restore data from backup", "restore tests"]],
  ["availability.redundancy", ["redundant", "redundans", "high availability"]],
  ["continuity.plan", ["beredskabsprocedurer", "beredskabsplan", "business continuity", "disaster recovery"]],
  [
    "incident.management",
    ["indberetter regelmæssigt brud", "håndtering af sikkerhedshændelser", "incident management", "incident response"],
  ],
  ["policy.information_security", ["sikkerhedspolitik", "informationssikkerhedspolitik", "security policy"]],
  ["isms.iso27001_alignment", ["overensstemmelse med iso", "in line with iso", "aligned with iso", "isms"]],
  [
    "hr.confidentiality_agreements",
    [
      "fortrolighedsforpligtelser",
      "fortrolighedsaftale",
      "tavshedspligt",
      "confidentiality agreement",
      "confidentiality obligations",
      "non-disclosure",
    ],
  ],
  ["hr.screening", ["baggrundstjek", "baggrundtjek", "efterprøvning af", "background check", "screening of"]],
  ["hr.awareness_training", ["awareness", "uddannelse og instruktion", "passende uddannelse", "security training"]],
  ["hr.disciplinary_process", ["ansættelsesretten", "disciplinary"]],
  ["hr.post_employment_confidentiality", ["fratrådte medarbejdere gøres opmærksom", "after the employment has ended"]],
  [
    "documentation.operating_procedures",
    [
      "medarbejderhåndbog",
      "nødvendig dokumentation og instruktion",
      "procedurer vedrørende databehandling",
      "operating procedures",
    ],
  ],
  [
    "physical.access_control",
    [
      "fysisk sikring",
      "fysiske sikringsforanstaltninger",
      "uautoriseret adgang til lokaler",
      "adgangskontrol til lokaler",
      "physical access control",
      "physical security",
    ],
  ],
  ["physical.monitoring", ["overvågning af faciliteter", "videoovervågning", "cctv", "alarmsystem"]],
  ["physical.environmental_protection", ["brandsikring", "fire suppression", "klimasikring"]],
  [
    "disposal.secure_equipment",
    ["bortskaffelse", "bortskaffes", "destruktion af hardware", "secure disposal", "disposal of"],
  ],
  [
    "supplier.certified_hosting",
    [
      "certificeret, til hosting",
      "certificeret til hosting",
      "certified hosting",
      "certified data centre",
      "certified data center",
    ],
  ],
  ["supplier.management", ["leverandørstyring", "supplier management"]],
  ["audit.independent_assurance", ["isae 3000", "isae 3402", "soc 2"]],
  ["audit.internal_compliance_review", ["gennemgår regelmæssigt systemkontroller", "internal compliance review"]],
];

export const AUDITOR_STATEMENT = "AUDITOR_STATEMENT";

/** Supervision methods (C.7/C.8), most specific phrases first. */
export const SUPERVISION_METHOD_PHRASES: PhraseTable = [
  ["ISAE_3402", ["isae 3402", "isae3402"]],
  ["ISAE_3000", ["isae 3000", "isae3000"]],
  // An auditor's statement that names no standard: read as ISAE 3000 (the usual Danish GDPR statement)
  // unless the same section names the standard. The auditor alone names no kind of report ("reports, certificates
  // and/or extracts prepared by an independent auditor"): no method.
  [
    AUDITOR_STATEMENT,
    [
      "revisorerklæring",
      "revisorerklæringer",
      "erklæring fra en uafhængig revisor",
      "erklæring fra uafhængig revisor",
      "auditor's statement",
      "auditor’s statement",
      "auditor's report",
      "auditor’s report",
      "statement from an independent auditor",
      "statement by an independent auditor",
    ],
  ],
  ["SOC_2", ["soc 2", "soc2"]],
  [
    "SELF_CONTROL_REPORT",
    [
      "egenkontrolrapport",
      "kontrolrapport",
      "self-audit report",
      "self-assessment report",
      "status report",
      "statusrapport",
    ],
  ],
  ["INTERNAL_AUDIT", ["intern revision", "interne revision", "internal audit"]],
  [
    "PHYSICAL_INSPECTION",
    [
      "fysisk inspektion",
      "fysiske inspektioner",
      "fysiske inspektion",
      "fysisk eller virtuel inspektion",
      "fysisk tilsyn",
      "fysiske tilsyn",
      "inspektion med",
      "physical inspection",
      "physical inspections",
      "on-site inspection",
      "on-site audit",
      "on-site audits",
      "onsite audit",
      "onsite audits",
      "on site audits",
      "on-site inspections",
      // "On-site or remote audits can be arranged": the on-site audit, the remote one being written supervision.
      "on-site or",
      // An audit held at the processor's premises ("gennemføre en audit på SkoleMates lokationer").
      "audit at the premises",
      "audits at the premises",
      "on the premises",
      "at its premises",
      // "the third party may access its premises for the purposes of carrying out such verification".
      "access its premises",
      "access to its premises",
      "på databehandlerens lokationer",
      "lokationer",
      "lokaliteter",
      // Bare words count only outside "revisioner, herunder inspektioner" (annexes.ts: GENERIC_INSPECTION).
      "inspektion",
      "inspektioner",
      "inspection",
      "inspections",
    ],
  ],
  [
    "WRITTEN_SUPERVISION",
    [
      "skriftligt tilsyn",
      "spørgeskema",
      "questionnaire",
      // "through security questionnaires, documentation review or …", "written responses to compliance
      // questionnaires": the plural is the same written supervision (a phrase matches whole words only).
      "questionnaires",
      // "Customers may request a written audit response once per 12 months": the audit answered in writing.
      "written audit response",
      "written audit responses",
      // "Written responses to audit questionnaires": questionnaires named as the audit's, in the plural a list of what
      // is provided writes; not answers to security questionnaires given beside a report.
      "audit questionnaires",
      "revisionsspørgeskemaer",
      "written supervision",
      "written information request",
      // The controller asking for documents ("bede om skriftlig dokumentation for, at aftalen overholdes"); a
      // statement the processor gives of its own accord is WRITTEN_CONFIRMATION.
      "skriftlig dokumentation",
      // Documents reviewed as the audit: "an audit on the necessary documents and information".
      "audit on the necessary documents",
      "documentary audit",
      // Documents and answers sent instead of a visit ("audits are carried out through written documentation",
      // "one remote audit request per year").
      "written documentation",
      "remote audit",
      "remote audits",
      "desk audit",
      "desk audits",
      // The controller asking for or reading the documents as its audit ("Documentation requests: … may request
      // copies of relevant security policies", "Request compliance documentation", "through security
      // questionnaires, documentation review or …", "answer Customer's reasonable written security questions").
      "documentation request",
      "documentation requests",
      "request compliance documentation",
      "documentation review",
      "written security questions",
      // "Upon Customer's written request …, Company shall either: (i) make available documentation demonstrating
      // Company's compliance with this DPA, or (ii) … allow … an audit".
      "documentation demonstrating",
      // The documents handed over as the audit: "penetration test summaries, and security questionnaire responses",
      // "We will first offer our current security documentation and penetration test results", "an annual evidence
      // package", "Access relevant documentation and policies".
      "penetration test summaries",
      "penetration test summary",
      "penetration-test summary",
      "penetration test results",
      "evidence package",
      "documentation and policies",
      // Written evidence asked for or handed over as the audit: "request written evidence of the measures",
      // "information and documentation to demonstrate compliance", "summaries of its controls".
      "written evidence",
      "documentation of our security measures",
      "documentation of its security measures",
      "documentation to demonstrate compliance",
      "summaries of its controls",
      "summaries of our controls",
    ],
  ],
  // The plural counts only where certifications are given in the audit's place (annexes.ts: IN_PLACE_OF_AUDIT).
  [
    "CERTIFICATION",
    [
      "certificering",
      "certificeringer",
      "certification",
      "certifications",
      // A third party's attestation is the certification's kind ("SOC 2 reports or equivalent third-party
      // attestations", "an existing attestation or certificate by an independent professional expert").
      "attestation or certificate",
      "attestation reports",
      "attestations",
    ],
  ],
  [
    "WRITTEN_CONFIRMATION",
    [
      "skriftlig bekræftelse",
      "written confirmation",
      "skriftlig erklæring om efterlevelse",
      "skriftlig redegørelse",
      "written statement of compliance",
      // "or, where no report exists, a written summary of its security practices": the processor's own account.
      "written summary",
      "skriftlig opsummering",
      // "audits shall take the form of written self-assessments by the Publisher".
      "written self-assessment",
      "written self-assessments",
      // "Written attestations from TallTree's management": the processor's own word, not a third party's attestation.
      "written attestation",
      "written attestations",
      "skriftlig selvevaluering",
      "skriftlige selvevalueringer",
    ],
  ],
];

/** Country names, a few data-centre cities and ISO codes as they appear in addresses and annexes. */
export const COUNTRY_PHRASES: PhraseTable = [
  ["DK", ["danmark", "denmark", "dk", "københavn", "copenhagen", "aarhus", "aalborg", "odense"]],
  ["IE", ["irland", "ireland", "dublin"]],
  ["NL", ["holland", "nederlandene", "netherlands", "the netherlands", "amsterdam", "utrecht"]],
  ["SE", ["sverige", "sweden", "stockholm"]],
  [
    "DE",
    [
      "tyskland",
      "germany",
      "deutschland",
      "frankfurt",
      "falkenstein",
      "nürnberg",
      "nuremberg",
      "berlin",
      "münchen",
      "munich",
    ],
  ],
  ["LU", ["luxembourg", "luxemburg"]],
  ["FI", ["finland", "helsinki"]],
  ["NO", ["norge", "norway", "oslo"]],
  ["FR", ["frankrig", "france", "paris", "roubaix", "gravelines"]],
  ["BE", ["belgien", "belgium", "bruxelles", "brussels"]],
  ["PL", ["polen", "poland", "warszawa", "warsaw"]],
  // Northern Ireland is part of the United Kingdom, not Ireland ("a company registered in Northern Ireland").
  ["GB", ["storbritannien", "united kingdom", "england", "london", "great britain", "northern ireland", "nordirland"]],
  ["US", ["usa", "u.s.a.", "united states", "united states of america", "de forenede stater"]],
  ["IN", ["indien", "india"]],
  ["LT", ["litauen", "lithuania", "vilnius"]],
  ["LV", ["letland", "latvia"]],
  ["EE", ["estland", "estonia", "tallinn"]],
  ["ES", ["spanien", "spain", "madrid", "malaga", "málaga", "barcelona"]],
  ["IT", ["italien", "italy", "milano", "milan"]],
  ["PT", ["portugal", "lisbon", "lissabon"]],
  ["AT", ["østrig", "austria", "wien", "vienna"]],
  ["CH", ["schweiz", "switzerland", "zürich", "zurich"]],
  ["CZ", ["tjekkiet", "czech republic", "czechia"]],
  ["IS", ["island", "iceland"]],
  ["CA", ["canada"]],
  ["AU", ["australien", "australia", "sydney"]],
  ["JP", ["japan", "tokyo"]],
  ["SG", ["singapore"]],
  ["IL", ["israel"]],
  ["BR", ["brasilien", "brazil"]],
  ["UA", ["ukraine"]],
  // The rest of the EU (where a sub-processor's data centre is says whether data leaves it) and the countries
  // SaaS providers commonly host or support from.
  ["RO", ["rumænien", "romania", "bucharest", "bukarest"]],
  ["BG", ["bulgarien", "bulgaria"]],
  ["HU", ["ungarn", "hungary", "budapest"]],
  ["GR", ["grækenland", "greece", "athens", "athen"]],
  ["HR", ["kroatien", "croatia", "zagreb"]],
  ["SK", ["slovakiet", "slovakia", "bratislava"]],
  ["SI", ["slovenien", "slovenia", "ljubljana"]],
  ["CY", ["cypern", "cyprus"]],
  ["MT", ["malta"]],
  ["SA", ["saudi-arabien", "saudi arabien", "saudi arabia", "kingdom of saudi arabia"]],
  ["AE", ["de forenede arabiske emirater", "united arab emirates", "dubai"]],
  ["KR", ["sydkorea", "south korea", "republic of korea", "seoul"]],
  ["HK", ["hongkong", "hong kong"]],
  ["NZ", ["new zealand"]],
  ["ZA", ["sydafrika", "south africa"]],
  ["MX", ["mexico"]],
  // Latin America, where payment and messaging providers are often placed ("Wompi … Colombia").
  ["CO", ["colombia", "bogotá", "bogota", "medellín", "medellin"]],
  ["AR", ["argentina", "argentinien", "buenos aires"]],
  ["CL", ["chile", "santiago de chile"]],
  ["PE", ["peru", "lima"]],
  ["PH", ["filippinerne", "philippines", "manila"]],
  // South-east Asia, where a sales tool or a sole developer may be registered ("an enterprise registered in
  // Malaysia", "… Chonburi 20150, Thailand").
  ["MY", ["malaysia", "kuala lumpur"]],
  ["TH", ["thailand", "bangkok"]],
  ["VN", ["vietnam", "viet nam"]],
  ["ID", ["indonesia"]],
  // Africa, where software companies write their own DPAs ("Nyeri County, Kenya").
  ["KE", ["kenya"]],
  ["NG", ["nigeria"]],
  ["GH", ["ghana"]],
];

/**
 * The states of the United States, for where a company is registered ("a company registered in Maine", "a Delaware
 * corporation"): a state of registration says the country. Not read in addresses, where "Georgia" is a country.
 */
export const US_STATES = (
  "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|" +
  "idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|" +
  "minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|" +
  "new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|" +
  "south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|" +
  "wisconsin|wyoming"
).split("|");

/** The cities among the country phrases: a city says where a data centre is, not that a region is that country. */
export const CITY_PHRASES = new Set(
  (
    "københavn|copenhagen|aarhus|aalborg|odense|dublin|amsterdam|utrecht|stockholm|frankfurt|falkenstein|nürnberg|" +
    "nuremberg|berlin|münchen|munich|helsinki|oslo|paris|roubaix|gravelines|bruxelles|brussels|warszawa|warsaw|" +
    "london|vilnius|tallinn|madrid|malaga|málaga|barcelona|milano|milan|lisbon|lissabon|wien|vienna|zürich|zurich|" +
    "sydney|tokyo|bucharest|bukarest|budapest|athens|athen|zagreb|bratislava|ljubljana|dubai|seoul|manila|kuala lumpur"
  ).split("|"),
);

/** The country a text names by a country's name or code, not by a city ("Irland" is IE; "Stockholm" is none). */
export function countryNamedIn(text: string): string | null {
  const hit = findPhrases(text, COUNTRY_PHRASES, true).find(
    (h) => !CITY_PHRASES.has(text.slice(h.start, h.end).toLowerCase()),
  );
  return hit ? hit.key : null;
}

const US_STATE_CODES =
  "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|" +
  "NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY";
const US_STATE_BEFORE_COUNTRY = new RegExp(
  String.raw`(?<![\p{L}])(?:${US_STATE_CODES})(?:\s+\d{5}(?:-\d{4})?)?,?\s+(?:USA|U\.S\.A?\.?|US|United Sta` +
    String.raw`tes)(?![\p{L}])`,
  "u",
);

/** Country codes written as codes ("US", "DE"): matched only in capitals, so "us" and "de" stay words. */
const COUNTRY_CODES = [
  "US",
  "UK",
  "DE",
  "FR",
  "IE",
  "NL",
  "SE",
  "NO",
  "FI",
  "ES",
  "IT",
  "LT",
  "EE",
  "PL",
  "BE",
  "LU",
  "AT",
  "CH",
  "CA",
  "AU",
];

/** The last country a text names: an address ends with its country ("1 Canada Sq, London, United Kingdom"). */
export function lastCountryIn(text: string): string | null {
  const hits = findPhrases(text, COUNTRY_PHRASES, true);
  return hits.length ? hits[hits.length - 1].key : countryIn(text);
}

/** The first country a text names (a name, a city, or a code in capitals), as ISO 3166-1 alpha-2. */
export function countryIn(text: string): string | null {
  // "San Francisco, CA, USA", "Austin, TX 78701, United States": a state's code before the country is no country.
  const state = US_STATE_BEFORE_COUNTRY.exec(text);
  if (state) return "US";
  const byName = findPhrases(text, COUNTRY_PHRASES, true)[0];
  const code = new RegExp(`(?<![\\p{L}\\d.@])(${COUNTRY_CODES.join("|")})(?![\\p{L}\\d])`, "u").exec(text);
  const fromCode = code ? { key: code[1] === "UK" ? "GB" : code[1], start: code.index } : null;
  if (byName && (!fromCode || byName.start <= fromCode.start)) return byName.key;
  return fromCode?.key ?? null;
}

export interface PhraseHit {
  key: string;
  start: number;
  end: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every phrase of a table in a text, longest first and without overlaps (so "e-mailadresse" is an
 * e-mail, not an address). A phrase must start a word; short phrases must also end one.
 */
export function findPhrases(text: string, table: PhraseTable, wholeWords = false): PhraseHit[] {
  const candidates = table.flatMap(([key, phrases]) => phrases.map((phrase) => ({ key, phrase })));
  candidates.sort((a, b) => b.phrase.length - a.phrase.length);
  const hits: PhraseHit[] = [];
  for (const { key, phrase } of candidates) {
    const endBoundary = wholeWords || phrase.length <= 4 ? "(?![\\p{L}\\d])" : "";
    const re = new RegExp(`(?<![\\p{L}\\d])${escape(phrase)}${endBoundary}`, "giu");
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ key, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

const CATEGORY_SENSITIVITY = new Map(
  (dataCategories as { key: string; sensitivity: string }[]).map((c) => [c.key, c.sensitivity]),
);

/** The sensitivity tier of a data category key, from the vocabulary. */
export function sensitivityOf(key: string): string {
  const tier = CATEGORY_SENSITIVITY.get(key);
  if (!tier) throw new Error(`data category ${key} is not in the vocabulary`);
  return tier;
}

// The phrase tables may only name keys the vocabularies know: checked once, when this module loads.
const known = {
  categories: new Set(CATEGORY_SENSITIVITY.keys()),
  subjects: new Set((dataSubjectCategories as { key: string }[]).map((s) => s.key)),
  measures: new Set((measures as { key: string }[]).map((m) => m.key)),
};
for (const [table, keys] of [
  [DATA_CATEGORY_PHRASES, known.categories],
  [DATA_SUBJECT_PHRASES, known.subjects],
  [MEASURE_PHRASES, known.measures],
] as const) {
  for (const [key] of table) if (!keys.has(key)) throw new Error(`vocabulary key ${key} is unknown`);
}
