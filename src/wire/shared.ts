import type { LinkErrorDetail } from '../model/index.js';

/** Where a page of a vendor's paged list stands. */
export interface WirePage {
  pageNumber: number;
  pageSize: number;
  totalResults: number;
  hasNext: boolean;
}

/** What a vendor's error body says; never throws, null when the body is not that vendor's error shape. */
export interface VendorErrorInfo {
  message?: string;
  status?: number;
  correlationId?: string;
  retryable?: boolean;
  details: LinkErrorDetail[];
}
