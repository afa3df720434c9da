// Every GraphQL document the console sends, in one place. test/unit/console-queries.test.ts validates each
// against schema/schema.graphql and checks its cost against the server's limit, so a schema change that
// breaks the console fails the test suite, not a user's page. Pure strings: no DOM, no imports.

export const VIEWER = /* GraphQL */ `
  query ConsoleViewer {
    viewer {
      role
      apiKey {
        name
      }
      organization {
        name
      }
    }
  }
`;

export const PORTFOLIO = /* GraphQL */ `
  query ConsolePortfolio {
    riskOverview(top: 10) {
      modelVersion
      processors
      neverSupervised
      overdueSupervision
      withoutAgreement
      thirdCountryWithoutMechanism
      openHighOrCriticalFindings
      tiers {
        tier
        count
      }
      top {
        score
        tier
        processor {
          id
          name
          direct
        }
        factors(top: 3) {
          key
          label
          contribution
        }
      }
      trend {
        month
        critical
        high
        medium
        low
      }
    }
    supervisionSchedule(status: [OVERDUE, DUE_SOON]) {
      status
      nextDueOn
      daysUntilDue
      processor {
        id
        name
      }
    }
    pendingChangeNotices(includeLapsed: true) {
      id
      kind
      state
      deadline
      daysLeft
      processor {
        id
        name
      }
      engagement {
        subprocessor {
          id
          name
        }
      }
    }
  }
`;

/**
 * Vendors whose chains reach a third country (not adequate), with the hops that do: on its own, as it is the heaviest.
 */
export const PORTFOLIO_TRANSFERS = /* GraphQL */ `
  query ConsolePortfolioTransfers {
    transferExposure(filter: { countryClass: THIRD_COUNTRY }) {
      processor {
        id
        name
      }
      thirdCountryHops
      hopsWithoutMechanism
      agreementBreaches
      hops {
        depth
        mechanism
        worstClass
        to {
          id
          name
        }
      }
      findings {
        kind
        depth
        path {
          id
        }
      }
    }
  }
`;

/** The list behind the portfolio's numbers; the filter names what was counted. */
/** The tags in use on the organization's vendors (the processors page offers them as filter values). */
export const VENDOR_TAGS = /* GraphQL */ `
  query ConsoleVendorTags {
    processors(first: 100, filter: { direct: true }) {
      edges {
        node {
          id
          tags
        }
      }
    }
  }
`;

/**
 * The portfolio's vendor register panel: vendors per business criticality, and the tags and owners in use
 * (counted here from the vendors' own fields; each links to the processors list filtered by it).
 */
export const PORTFOLIO_REGISTER = /* GraphQL */ `
  query ConsolePortfolioRegister {
    critical: processors(first: 0, filter: { direct: true, criticality: [CRITICAL] }) {
      totalCount
    }
    high: processors(first: 0, filter: { direct: true, criticality: [HIGH] }) {
      totalCount
    }
    medium: processors(first: 0, filter: { direct: true, criticality: [MEDIUM] }) {
      totalCount
    }
    low: processors(first: 0, filter: { direct: true, criticality: [LOW] }) {
      totalCount
    }
    vendors: processors(first: 100, filter: { direct: true }) {
      edges {
        node {
          id
          tags
          businessOwnerName
        }
      }
    }
  }
`;

export const PROCESSORS = /* GraphQL */ `
  query ConsoleProcessors($first: Int!, $after: String, $filter: ProcessorFilter) {
    processors(first: $first, after: $after, filter: $filter, orderBy: { field: RISK, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          legalName
          countryCode
          direct
          status
          businessCriticality
          businessOwnerName
          tags
          subprocessorCount
          risk {
            score
            tier
            factors(top: 2) {
              key
              label
            }
          }
          currentAgreement {
            id
          }
        }
      }
    }
  }
`;

export const FINDINGS = /* GraphQL */ `
  query ConsoleFindings($first: Int!, $after: String, $filter: FindingFilter) {
    findings(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          severity
          status
          description
          controlObjective
          dueOn
          overdue
          owner
          processor {
            id
            name
          }
          auditReport {
            title
          }
        }
      }
    }
  }
`;

const AUDIT_TERMS = `methods intervalMonths dueDay noticeDays paidBy`;

export const VENDOR = /* GraphQL */ `
  query ConsoleVendor($id: ID!) {
    processor(id: $id) {
      id
      name
      legalName
      registrationNumber
      registrationScheme
      countryCode
      address
      website
      contactEmail
      serviceDescription
      status
      direct
      source
      dpfCertifiedSince
      businessOwnerName
      businessOwnerEmail
      businessCriticality
      contractStartOn
      renewalOn
      noticeOn
      servicesProvided
      tags
      internalNotes
      upstream { length processors { id name } }
      risk {
        score
        tier
        ownScore
        inherentPoints
        minimumConcept
        modelVersion
        computedAt
        factors { key label input weight contribution explanation evidence { id } }
      }
      riskHistory(first: 100) { score tier computedAt modelVersion }
      currentAgreement {
        id
        title
        kind
        template
        status
        signedOn
        effectiveFrom
        endOn
        documentReference
        governingLaw
        venue
        principal { id name }
        breachNotificationHours
        subprocessorAuthorization
        subprocessorNoticeDays
        objectionSuspendsChange
        thirdCountryTransfers
        processingLocations { countries description }
        endOfContractAction
        retentionAfterEndDays
        processorAudit { ${AUDIT_TERMS} }
        subprocessorAudit { ${AUDIT_TERMS} }
        purposes
        nature
        duration
        dataSubjectVolume
        processingNature
        sources { clause reference note }
        dataCategories { category { key name sensitivity } source }
        dataSubjectCategories { category { key name vulnerable } source }
        requiredMeasures { measure { key title } clauseText source }
      }
      agreements { id title kind status signedOn effectiveFrom endOn }
    }
    riskModels { version active definition }
  }
`;

export const VENDOR_CHAIN = /* GraphQL */ `
  query ConsoleVendorChain($id: ID!) {
    processor(id: $id) {
      id
      name
      subprocessorTree(maxDepth: 10) {
        depth
        cycle
        path
        processor {
          id
          name
          countryCode
        }
        engagement {
          id
          status
          countries
          transferMechanism
          purpose
        }
      }
      transferExposure {
        worstClass
        countries
        thirdCountryHops
        hopsWithoutMechanism
        agreementBreaches
        hops {
          depth
          mechanism
          worstClass
          engagement {
            id
          }
          to {
            id
            name
          }
          destinations {
            country
            countryClass
            explanation
          }
          findings {
            kind
            message
          }
        }
        findings {
          kind
          message
          depth
          country
          path {
            id
            name
          }
        }
      }
    }
  }
`;

export const VENDOR_SUPERVISION = /* GraphQL */ `
  query ConsoleVendorSupervision($id: ID!) {
    processor(id: $id) {
      id
      supervisionPlan {
        status
        nextDueOn
        daysUntilDue
        startOn
        intervalMonths
        requiredIntervalMonths
        requiredDueDay
        requiredMethods
        chosenMethod
        chosenMethodAllowed
        lastSupervisedOn
        owner
        rationale
        openFindings
        unreviewedReports
      }
      auditReports {
        id
        title
        type
        reportKind
        receivedOn
        issuedOn
        periodStart
        periodEnd
        asOfDate
        auditor
        opinion
        awaitingReview
        latestReview {
          conclusion
          reviewedOn
          reviewer
          remarks
        }
      }
      findings {
        id
        severity
        status
        description
        controlObjective
        dueOn
        overdue
        owner
        closedOn
      }
      breachNotices {
        id
        title
        becameAwareAt
        notifiedAt
        hoursToNotify
        limitHours
        notifiedLate
      }
      changeNotices {
        id
        kind
        state
        receivedOn
        deadline
        daysLeft
        decision
        engagement {
          subprocessor {
            id
            name
          }
        }
      }
      evidence {
        id
        title
        kind
        effectiveOn
        fileName
        mediaType
        sizeBytes
        sha256
        storage
        downloadPath
        externalUri
      }
    }
  }
`;

export const IMPORTS = /* GraphQL */ `
  query ConsoleImports {
    agreementImports {
      id
      status
      createdAt
      decidedAt
      language
      missing
      evidence {
        fileName
        sizeBytes
      }
      processor {
        id
        name
      }
    }
  }
`;

/**
 * A reading of a field where the document says more than one thing. When the schema gives readings a
 * kind (issue 17: PLACEHOLDER for an unfilled template slot), add `kind` here: the review page already
 * shows any kind it is given, labelled by i18n with the value itself as fallback.
 */
const READING = `kind value citations { reference quote start end }`;

export const IMPORT_REVIEW = /* GraphQL */ `
  query ConsoleImport($id: ID!) {
    agreementImport(id: $id) {
      id
      version
      status
      language
      extractor
      createdAt
      decidedAt
      missing
      documentText
      evidence { id fileName mediaType sizeBytes sha256 downloadPath }
      agreement { id title }
      processor { id name }
      fields {
        path
        value
        extracted
        corrected
        confidence
        note
        citations { reference quote start end }
        readings { ${READING} }
      }
    }
  }
`;

export const CORRECT_IMPORT = /* GraphQL */ `
  mutation ConsoleCorrectImport($input: CorrectAgreementImportInput!) {
    correctAgreementImport(input: $input) {
      agreementImport {
        id
        version
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export const CONFIRM_IMPORT = /* GraphQL */ `
  mutation ConsoleConfirmImport($input: ConfirmAgreementImportInput!) {
    confirmAgreementImport(input: $input) {
      agreement {
        id
        title
        status
        supersedes {
          id
          title
        }
      }
      processor {
        id
        name
      }
      createdProcessors {
        id
        name
      }
      engagements {
        id
        subprocessor {
          id
          name
        }
        countries
        transferMechanism
      }
      notes
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export const DISCARD_IMPORT = /* GraphQL */ `
  mutation ConsoleDiscardImport($input: DecideAgreementImportInput!) {
    discardAgreementImport(input: $input) {
      agreementImport {
        id
        status
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export const SCHEDULE = /* GraphQL */ `
  query ConsoleSchedule($to: LocalDate!) {
    supervisionSchedule(to: $to) {
      status
      nextDueOn
      daysUntilDue
      lastSupervisedOn
      requiredMethods
      chosenMethod
      owner
      processor {
        id
        name
      }
    }
    pendingChangeNotices(includeLapsed: true) {
      id
      version
      kind
      state
      authorization
      receivedOn
      deadline
      daysLeft
      processor {
        id
        name
      }
      engagement {
        subprocessor {
          id
          name
        }
        countries
        transferMechanism
        purpose
      }
      replaces {
        subprocessor {
          id
          name
        }
      }
    }
  }
`;

export const APPROVE_CHANGE = /* GraphQL */ `
  mutation ConsoleApproveChange($input: ApproveChangeInput!) {
    approveChange(input: $input) {
      changeNotice {
        id
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export const OBJECT_TO_CHANGE = /* GraphQL */ `
  mutation ConsoleObjectToChange($input: ObjectToChangeInput!) {
    objectToChange(input: $input) {
      changeNotice {
        id
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

export const ALL_DOCUMENTS = {
  VIEWER,
  PORTFOLIO,
  PORTFOLIO_TRANSFERS,
  PROCESSORS,
  PORTFOLIO_REGISTER,
  VENDOR_TAGS,
  FINDINGS,
  VENDOR,
  VENDOR_CHAIN,
  VENDOR_SUPERVISION,
  IMPORTS,
  IMPORT_REVIEW,
  CORRECT_IMPORT,
  CONFIRM_IMPORT,
  DISCARD_IMPORT,
  SCHEDULE,
  APPROVE_CHANGE,
  OBJECT_TO_CHANGE,
};

/** Page sizes the list pages ask for (the cost test checks the query at this size). */
export const PAGE_SIZE = 50;
