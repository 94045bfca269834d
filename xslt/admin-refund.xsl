<?xml version="1.0" encoding="UTF-8"?>
<!-- The admin's refund of an order: the order, the amount (all that is
     left at first), a reason, and what a refund does. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_admin.xsl"/>
  <xsl:import href="_refund.xsl"/>
  <xsl:import href="_admin-order.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('admin.refund.title', order/@no)"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="o" select="order"/>
    <p class="muted">
      <a href="/admin/orders"><xsl:value-of select="m:t('admin.nav.orders')"/></a> ›
      <a href="/admin/orders/{$o/@no}"><xsl:value-of select="$o/@no"/></a> ›
      <xsl:value-of select="m:t('admin.refund.submit')"/>
    </p>
    <h1><xsl:value-of select="m:t('admin.refund.title', $o/@no)"/></h1>
    <xsl:apply-templates select="$o" mode="admin-order-info"/>
    <p><xsl:value-of select="m:t('admin.refund.explain')"/></p>
    <xsl:if test="$o/@refundable = '1'">
      <form class="admin-form refund" action="/admin/orders/{$o/@no}/refund" method="post">
        <xsl:call-template name="admin-csrf"/>
        <input type="hidden" name="idem" value="{/page/form/@idem}"/>
        <xsl:variable name="left"><xsl:call-template name="money-text"><xsl:with-param name="v" select="$o/left"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'amount'"/>
          <xsl:with-param name="label" select="m:t('admin.refund.amount')"/>
          <xsl:with-param name="max" select="12"/>
          <xsl:with-param name="autocomplete" select="'off'"/>
          <xsl:with-param name="hint" select="m:t('admin.refund.amount_hint', string($left))"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name" select="'reason'"/>
          <xsl:with-param name="label" select="m:t('admin.refund.reason')"/>
          <xsl:with-param name="max" select="500"/>
          <xsl:with-param name="autocomplete" select="'off'"/>
          <xsl:with-param name="first" select="true()"/>
        </xsl:call-template>
        <div class="admin-actions">
          <button type="submit" class="danger"><xsl:value-of select="m:t('admin.refund.submit')"/></button>
          <a class="button" href="/admin/orders/{$o/@no}"><xsl:value-of select="m:t('admin.refund.cancel')"/></a>
        </div>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
