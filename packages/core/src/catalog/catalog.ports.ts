import type {
  Certificate,
  CertificateStatus,
  CertificateWithTeo,
  SkillNode,
  SkillStandard,
  SkillStandardWithNodes,
  Teo,
  TeoStatus,
} from './catalog.model.ts';

export interface StatusChange<S extends string> {
  from: S;
  to: S;
  reason: string | null;
  at: Date;
}

export interface CertificateFilter {
  teoId?: string | undefined;
  status?: CertificateStatus | undefined;
}

/** What the catalog needs from storage. `db` implements it; every method runs in one transaction when called through `transaction`. */
export interface CatalogStore {
  transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T>;

  listTeos(): Promise<Teo[]>;
  findTeo(idOrCode: string): Promise<Teo | undefined>;
  insertTeo(teo: Teo, at: Date): Promise<void>;
  updateTeo(teo: Teo, change: StatusChange<TeoStatus>): Promise<void>;

  listCertificates(filter: CertificateFilter): Promise<CertificateWithTeo[]>;
  findCertificate(idOrCode: string): Promise<CertificateWithTeo | undefined>;
  insertCertificate(certificate: Certificate, at: Date): Promise<void>;
  updateCertificateStatus(id: string, change: StatusChange<CertificateStatus>): Promise<void>;

  listStandards(certificateId: string): Promise<SkillStandard[]>;
  findStandard(id: string): Promise<SkillStandardWithNodes | undefined>;
  /** Locks the certificate's standards against concurrent version numbering and returns the highest version. */
  latestStandardVersion(certificateId: string): Promise<number>;
  insertStandard(standard: SkillStandard, nodes: SkillNode[]): Promise<void>;
  replaceDraft(standard: SkillStandard, nodes: SkillNode[]): Promise<void>;
  markPublished(id: string, at: Date): Promise<void>;
}
